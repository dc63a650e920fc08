import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { migrate } from '../../../src/server/db/migrations';
import type { SqlDb } from '../../../src/server/db/sql-db';
import { seedDemo, type DemoSummary } from '../../../src/server/demo/seed';
import { createApp } from '../../../src/server/http/app';
import type { LimitConfig } from '../../../src/server/http/request-limits';
import { ensureSigningKey } from '../../../src/server/policy/centre-keys';
import { seedShippedPacks } from '../../../src/server/policy/pack-store';
import { secretFromHex } from '../../../src/shared/person-key';
import type { Checkpoint, EnrolResponse, PushRow, SyncCollection } from '../../../src/shared/sync-protocol';
import type { DbVariant } from './db-variants';

export interface Fixture {
  readonly db: SqlDb;
  readonly app: FastifyInstance;
  readonly demo: DemoSummary;
  readonly secret: Uint8Array;
  close(): Promise<void>;
}

/** The shipped policy packs of the repository. */
export const SHIPPED_PACK_DIR = fileURLToPath(new URL('../../../assets/policy-packs', import.meta.url));

/**
 * Migrated, demo-seeded (with `people` demo people, default none) database and an app on it.
 * `packs`: also create the signing key and store the shipped packs, as startServer does.
 */
export async function makeFixture(variant: DbVariant, opts: { people?: number; staticDir?: string; packs?: boolean; limits?: LimitConfig; limitClock?: () => number } = {}): Promise<Fixture> {
  const { db, dispose } = await variant.open();
  await migrate(db);
  if (opts.packs) await seedShippedPacks(db, SHIPPED_PACK_DIR, await ensureSigningKey(db));
  const demo = await seedDemo(db, { people: opts.people ?? 0 });
  if (!demo) throw new Error('fresh database already had a city');
  const app = await createApp({ db, ...(opts.staticDir ? { staticDir: opts.staticDir } : {}), ...(opts.limits ? { limits: opts.limits } : {}), ...(opts.limitClock ? { limitClock: opts.limitClock } : {}) });
  await app.ready();
  return {
    db,
    app,
    demo,
    secret: secretFromHex(demo.personKeySecret),
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

export const DEMO_CODES: Readonly<Record<string, string>> = { HX01: '100001', XQ01: '200002' };

export async function enrol(app: FastifyInstance, stationCode = 'HX01', deviceName = 'test laptop'): Promise<EnrolResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/enrol',
    payload: { stationCode, enrolmentCode: DEMO_CODES[stationCode.toUpperCase()], deviceName },
  });
  if (res.statusCode !== 201) throw new Error(`enrol failed: ${res.statusCode} ${res.body}`);
  return res.json<EnrolResponse>();
}

export const authHeaders = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'x-shebao-protocol': '1' });

export function push<T>(app: FastifyInstance, token: string, collection: SyncCollection, rows: PushRow<T>[]): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/v1/sync/${collection}/push`, headers: authHeaders(token), payload: rows });
}

// The caller names the document type it expects from the collection it pulls.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export async function pullPage<T>(
  app: FastifyInstance,
  token: string,
  collection: SyncCollection,
  after: Checkpoint | null,
  limit = 500,
): Promise<{ documents: T[]; checkpoint: Checkpoint | null }> {
  const qs = new URLSearchParams({ limit: String(limit), ...(after ? { xid: after.xid, seq: after.seq } : {}) });
  const res = await app.inject({ method: 'GET', url: `/api/v1/sync/${collection}/pull?${qs.toString()}`, headers: authHeaders(token) });
  if (res.statusCode !== 200) throw new Error(`pull failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Pulls a collection to the end, page by page. */
export async function pullAll<T>(app: FastifyInstance, token: string, collection: SyncCollection, limit = 500): Promise<T[]> {
  const out: T[] = [];
  let cp: Checkpoint | null = null;
  for (;;) {
    const page: { documents: T[]; checkpoint: Checkpoint | null } = await pullPage<T>(app, token, collection, cp, limit);
    out.push(...page.documents);
    if (page.documents.length < limit) return out;
    cp = page.checkpoint;
  }
}

export async function countDocs(db: SqlDb, collection: SyncCollection): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM docs WHERE collection = $1', [collection]);
  return rows[0]?.n ?? 0;
}
