import { nowIso } from '../../shared/ids';
import type { TrustedKey } from '../../shared/policy/pack-signing';
import type { PackRefusal } from '../data/contract';
import type { ShebaoDatabase } from '../db/database';
import { LOCAL_DOC, readLocal, writeLocal } from '../db/local-state';
import { rawPackId, verifyPackDoc } from '../db/pack-verify';

/** Enough to see what went wrong and when; older refusals fall off. */
export const MAX_REFUSALS = 50;

export interface ScreenResult<T> {
  readonly accepted: T[];
  readonly refused: PackRefusal[];
}

/**
 * Splits a pulled batch into packs that verify (stored) and packs that do
 * not (never stored; reported). Pure, so the tests exercise exactly the
 * decision the replication makes.
 */
export function screenPacks<T>(docs: readonly T[], keys: readonly TrustedKey[], at: string = nowIso()): ScreenResult<T> {
  const accepted: T[] = [];
  const refused: PackRefusal[] = [];
  for (const doc of docs) {
    const verdict = verifyPackDoc(doc, keys);
    if (verdict.ok) accepted.push(doc);
    else refused.push(verdict.params ? { id: rawPackId(doc), code: verdict.code, params: verdict.params, at } : { id: rawPackId(doc), code: verdict.code, at });
  }
  return { accepted, refused };
}

/**
 * Adds refusals to the device's local record, newest first. A pack refused
 * again for the same reason (it is re-pulled until a valid one passes it)
 * keeps its first entry, so the list shows when it first arrived.
 */
export async function recordRefusals(db: ShebaoDatabase, refused: readonly PackRefusal[]): Promise<void> {
  if (refused.length === 0) return;
  const previous = (await readLocal(db, LOCAL_DOC.packRefusals))?.refusals ?? [];
  const seen = new Set(previous.map((r) => `${r.id}|${r.code}`));
  const fresh = refused.filter((r) => {
    const key = `${r.id}|${r.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return;
  await writeLocal(db, LOCAL_DOC.packRefusals, { refusals: [...fresh.reverse(), ...previous].slice(0, MAX_REFUSALS) });
}

/** The replication's pull screen for the packs collection: verify, record refusals, pass on the accepted. */
export function packPullScreen<T>(db: ShebaoDatabase, keys: readonly TrustedKey[]): (docs: T[]) => Promise<T[]> {
  return async (docs) => {
    const { accepted, refused } = screenPacks(docs, keys);
    if (refused.length > 0) console.warn('policy packs refused', refused);
    await recordRefusals(db, refused);
    return accepted;
  };
}
