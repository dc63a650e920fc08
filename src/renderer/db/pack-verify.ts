import { packDocId, packDocSchema, type PackDoc } from '../../shared/policy/pack-doc';
import type { PolicyPack } from '../../shared/policy/pack-schema';
import { verifyPack, type TrustedKey } from '../../shared/policy/pack-signing';
import type { PackRefusal } from '../data/contract';

export type PackVerdict =
  | { readonly ok: true; readonly doc: PackDoc; readonly pack: PolicyPack }
  | { readonly ok: false; readonly code: PackRefusal['code']; readonly params?: Record<string, string> };

const stringParams = (params: Record<string, string | number> | undefined): Record<string, string> | undefined =>
  params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) : undefined;

function refuse(code: PackRefusal['code'], params?: Record<string, string | number>): PackVerdict {
  const p = stringParams(params);
  return p ? { ok: false, code, params: p } : { ok: false, code };
}

/**
 * Decides whether a replicated pack document (untrusted JSON from the wire
 * or from local storage) may be used: the document's shape, then the
 * centre's signature over the pack (verifyPack: known key, signature, pack
 * schema), then the envelope copies (id, region, version, effective month)
 * must say exactly what the signed pack says. Without the last check a
 * validly signed Tianjin 2024 pack could be replayed under the id of 2025
 * and be chosen for months it was never meant for.
 */
export function verifyPackDoc(raw: unknown, keys: readonly TrustedKey[]): PackVerdict {
  const parsed = packDocSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('pack.schema', { path: issue ? issue.path.join('.') : '', reason: issue?.message ?? '' });
  }
  const doc = parsed.data;
  const verified = verifyPack(doc.signed, keys);
  if (!verified.ok) {
    const code = verified.code === 'pack.unknownKey' || verified.code === 'pack.signature' ? verified.code : 'pack.schema';
    return refuse(code, verified.params);
  }
  const pack = verified.value;
  const mismatch =
    doc.regionCode !== pack.region.code ? 'regionCode'
    : doc.version !== pack.version ? 'version'
    : doc.effectiveFrom !== pack.effectiveFrom ? 'effectiveFrom'
    : doc.id !== packDocId(pack.region.code, pack.version) ? 'id'
    : null;
  if (mismatch !== null) return refuse('pack.envelope', { field: mismatch });
  return { ok: true, doc, pack };
}

/** The id to record a refusal under, even for a document too broken to parse. */
export function rawPackId(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 40) : '?';
}
