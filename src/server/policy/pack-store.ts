import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nowIso } from '../../shared/ids';
import { canonicalJson } from '../../shared/policy/canonical-json';
import { packDocId, packDocSchema, type PackDoc } from '../../shared/policy/pack-doc';
import { policyPackSchema } from '../../shared/policy/pack-schema';
import { signPack, type SignedPack } from '../../shared/policy/pack-signing';
import { err, ok, type Result } from '../../shared/result';
import { jsonParam, type Queryable, type SqlDb } from '../db/sql-db';
import type { WrittenDoc } from '../sync/docs-store';
import type { SigningKey } from './centre-keys';

/** Region codes whose packs a device of a city with `regionCode` pulls: the city's own and its province's. */
export function packRegionsOf(cityRegionCode: string): string[] {
  const province = `${cityRegionCode.slice(0, 2)}0000`;
  return province === cityRegionCode ? [cityRegionCode] : [cityRegionCode, province];
}

export function packDocOf(signed: SignedPack, publishedAt: string): PackDoc {
  const { pack } = signed;
  // Parsed once more so that a doc the server stores always passes the device's schema.
  return packDocSchema.parse({
    id: packDocId(pack.region.code, pack.version),
    regionCode: pack.region.code,
    version: pack.version,
    effectiveFrom: pack.effectiveFrom,
    signed,
    publishedAt,
    _deleted: false,
  });
}

export async function getPackDoc(q: Queryable, id: string): Promise<PackDoc | null> {
  const rows = await q.query<{ data: PackDoc }>("SELECT data FROM docs WHERE collection = 'packs' AND id = $1", [id]);
  return rows[0]?.data ?? null;
}

/** Inserts the pack doc unless its id (region:version) exists; a published version is never overwritten. */
async function insertPackIfAbsent(q: Queryable, doc: PackDoc): Promise<WrittenDoc | null> {
  const rows = await q.query<{ xid: string; seq: string }>(
    `INSERT INTO docs (collection, id, city_id, station_id, region_code, data)
     VALUES ('packs', $1, NULL, NULL, $2, $3::text::jsonb)
     ON CONFLICT (collection, id) DO NOTHING
     RETURNING xid::text AS xid, seq::text AS seq`,
    [doc.id, doc.regionCode, jsonParam(doc)],
  );
  const r = rows[0];
  return r ? { collection: 'packs', checkpoint: { xid: r.xid, seq: r.seq } } : null;
}

export interface Published {
  readonly doc: PackDoc;
  readonly written: WrittenDoc;
}

/**
 * Validates (policyPackSchema), signs with the active key and stores a new
 * pack version. Codes: 'pack.schema' {path, reason} (nothing stored),
 * 'pack.versionExists' {id} (the stored version is left untouched).
 */
export async function publishPack(db: SqlDb, raw: unknown, key: SigningKey): Promise<Result<Published>> {
  const parsed = policyPackSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err('pack.schema', { path: issue ? issue.path.map(String).join('.') : '', reason: issue?.message ?? '' });
  }
  const signed = signPack(parsed.data, key.privateKeyHex);
  if (!signed.ok) return signed;
  const doc = packDocOf(signed.value, nowIso());
  const written = await db.tx((q) => insertPackIfAbsent(q, doc));
  return written ? ok({ doc, written }) : err('pack.versionExists', { id: doc.id });
}

export interface PackSeedSummary {
  readonly dir: string;
  /** Ids stored by this call. */
  readonly published: readonly string[];
  /** Ids already stored before. */
  readonly present: readonly string[];
  /** Ids whose shipped file differs from the stored version (the stored one stays: publish a new version instead). */
  readonly differing: readonly string[];
}

/**
 * Signs and stores every shipped pack (assets/policy-packs/*.json) not yet
 * stored. All regions are stored; the pull scope decides which devices get
 * which. A shipped file that does not validate is a bug in the release and
 * stops the start with the file and field named.
 */
export async function seedShippedPacks(db: SqlDb, dir: string, key: SigningKey): Promise<PackSeedSummary> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const published: string[] = [];
  const present: string[] = [];
  const differing: string[] = [];
  for (const file of files) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const parsed = policyPackSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`shipped policy pack ${file} is invalid at ${issue ? issue.path.map(String).join('.') : '?'}: ${issue?.message ?? ''}`);
    }
    const id = packDocId(parsed.data.region.code, parsed.data.version);
    const stored = await getPackDoc(db, id);
    if (stored) {
      present.push(id);
      if (canonicalJson(stored.signed.pack) !== canonicalJson(parsed.data)) differing.push(id);
      continue;
    }
    const r = await publishPack(db, parsed.data, key);
    // Another process may have stored it between the check and the insert: that is "present", not an error.
    if (r.ok) published.push(id);
    else if (r.code === 'pack.versionExists') present.push(id);
    else throw new Error(`shipped policy pack ${file}: ${r.code} ${JSON.stringify(r.params ?? {})}`);
  }
  return { dir, published, present, differing };
}
