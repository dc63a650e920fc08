import type { Checkpoint, SyncCollection } from '../../shared/sync-protocol';
import { jsonParam, type Queryable } from '../db/sql-db';

/** A row written by the current transaction: its new pull position. */
export interface WrittenDoc {
  readonly collection: SyncCollection;
  readonly checkpoint: Checkpoint;
}

export interface StoredDoc<T> {
  readonly cityId: string;
  readonly data: T;
}

export interface NewDoc {
  readonly collection: SyncCollection;
  readonly id: string;
  readonly cityId: string;
  readonly stationId: string | null;
  readonly data: unknown;
  /** Receipt number a payment uses (unique index, ADR 011); absent for everything else. */
  readonly receiptNo?: string | null;
}

/** Biggest 64-bit checkpoint component we accept from a client. */
const MAX_U64 = 18446744073709551615n;

export function isCheckpointValue(s: string): boolean {
  // No leading zeros: PostgreSQL reads xid8 '0123' as octal (and '08' fails), so such a checkpoint is refused here.
  return /^(0|[1-9]\d{0,19})$/.test(s) && BigInt(s) <= MAX_U64;
}

/**
 * Pull page, ordered by (xid, seq) after `after` (ADR 002). Only rows whose
 * writing transaction is older than every transaction still running
 * (xid < xmin of the current snapshot) are returned: such a row is
 * committed (or rolled back) and nothing can later appear below it, so a
 * checkpoint never jumps over a row that commits late. One statement, so
 * the bound and the rows come from the same snapshot.
 *
 * Scope: the city's docs; or, with `regionCodes` (collection 'packs'),
 * the docs of those regions, which belong to no city.
 */
export async function pullDocs(
  q: Queryable,
  args: { collection: SyncCollection; cityId: string; regionCodes?: readonly string[]; after: Checkpoint | null; limit: number },
): Promise<{ documents: unknown[]; checkpoint: Checkpoint | null }> {
  const after = args.after ?? { xid: '0', seq: '0' };
  const regions = args.regionCodes;
  const scope =
    regions === undefined ? { sql: 'd.city_id = $5', params: [args.cityId] } : { sql: `d.region_code IN (${regions.map((_, i) => `$${String(i + 5)}`).join(', ')})`, params: regions };
  if (scope.params.length === 0) return { documents: [], checkpoint: args.after };
  // ORDER BY names the table's columns: the text aliases of the same name would sort '10' before '9'.
  const rows = await q.query<{ data: unknown; xid: string; seq: string }>(
    `SELECT d.data, d.xid::text AS xid, d.seq::text AS seq FROM docs d
      WHERE d.collection = $1 AND ${scope.sql}
        AND (d.xid, d.seq) > ($2::text::xid8, $3::text::bigint)
        AND d.xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY d.xid, d.seq
      LIMIT $4`,
    [args.collection, after.xid, after.seq, args.limit, ...scope.params],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => r.data),
    checkpoint: last ? { xid: last.xid, seq: last.seq } : args.after,
  };
}

/** Locks and returns the stored doc (FOR UPDATE), or null. */
export async function getDocForUpdate<T>(q: Queryable, collection: SyncCollection, id: string): Promise<StoredDoc<T> | null> {
  const rows = await q.query<{ city_id: string; data: T }>(
    'SELECT city_id, data FROM docs WHERE collection = $1 AND id = $2 FOR UPDATE',
    [collection, id],
  );
  const r = rows[0];
  return r ? { cityId: r.city_id, data: r.data } : null;
}

/** Inserts unless (collection, id) exists. Returns the new position, or null when a row was already there. */
export async function insertDocIfAbsent(q: Queryable, doc: NewDoc): Promise<WrittenDoc | null> {
  const rows = await q.query<{ xid: string; seq: string }>(
    `INSERT INTO docs (collection, id, city_id, station_id, data, receipt_no)
     VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)
     ON CONFLICT (collection, id) DO NOTHING
     RETURNING xid::text AS xid, seq::text AS seq`,
    [doc.collection, doc.id, doc.cityId, doc.stationId, jsonParam(doc.data), doc.receiptNo ?? null],
  );
  const r = rows[0];
  return r ? { collection: doc.collection, checkpoint: { xid: r.xid, seq: r.seq } } : null;
}

/** Replaces a doc's data and moves it to a new pull position (this transaction's xid, a fresh seq). */
export async function updateDoc(q: Queryable, collection: SyncCollection, id: string, data: unknown): Promise<WrittenDoc> {
  const rows = await q.query<{ xid: string; seq: string }>(
    `UPDATE docs SET data = $3::text::jsonb, xid = pg_current_xact_id(), seq = nextval('docs_seq'), updated_at = now()
      WHERE collection = $1 AND id = $2
      RETURNING xid::text AS xid, seq::text AS seq`,
    [collection, id, jsonParam(data)],
  );
  const r = rows[0];
  if (!r) throw new Error(`updateDoc: ${collection}/${id} not found`);
  return { collection, checkpoint: { xid: r.xid, seq: r.seq } };
}

/**
 * Bulk insert for seeding and benchmarks: one statement per chunk, rows
 * unpacked server-side from a JSON array. Existing ids are left alone.
 */
export async function bulkInsertDocs(q: Queryable, docs: readonly NewDoc[], chunk = 2000): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += chunk) {
    const part = docs.slice(i, i + chunk).map((d) => ({ c: d.collection, i: d.id, city: d.cityId, st: d.stationId, d: d.data }));
    const rows = await q.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO docs (collection, id, city_id, station_id, data)
         SELECT e->>'c', e->>'i', e->>'city', e->>'st', e->'d' FROM jsonb_array_elements($1::text::jsonb) AS e
         ON CONFLICT (collection, id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [jsonParam(part)],
    );
    inserted += rows[0]?.n ?? 0;
  }
  return inserted;
}

/** Records a row the server refused to apply (audit id reused with other content, …). Never throws away the payload. */
export async function logRejection(
  q: Queryable,
  r: { deviceId: string; collection: SyncCollection; docId: string; reason: string; payload: unknown },
): Promise<void> {
  await q.query(
    'INSERT INTO push_rejections (device_id, collection, doc_id, reason, payload) VALUES ($1, $2, $3, $4, $5::text::jsonb)',
    [r.deviceId, r.collection, r.docId, r.reason, jsonParam(r.payload)],
  );
}
