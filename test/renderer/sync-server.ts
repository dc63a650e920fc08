import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LocalStore } from '../../src/renderer/db/database';
import { migrate } from '../../src/server/db/migrations';
import { openPglite } from '../../src/server/db/pglite-db';
import { seedDemo, type DemoSummary } from '../../src/server/demo/seed';
import { ensureSigningKey } from '../../src/server/policy/centre-keys';
import { seedShippedPacks } from '../../src/server/policy/pack-store';
import { createApp } from '../../src/server/http/app';
import { openDataApi, type LocalDataApi } from '../../src/renderer/db/open-data-api';
import { uniqueDbName } from './fixtures';
import { testNow } from './test-clock';

export const DEMO_CODES = { HX01: '100001', XQ01: '200002' } as const;

export interface TestServer {
  readonly url: string;
  readonly demo: DemoSummary;
  close(): Promise<void>;
}

const PACK_DIR = fileURLToPath(new URL('../../assets/policy-packs', import.meta.url));

/**
 * The real sync server (src/server) on an in-memory PGlite, listening on a
 * free local port. `packs`: sign and store the shipped policy packs with a
 * fresh centre key, as the server does at start.
 */
export async function startTestServer(people = 0, options: { packs?: boolean } = {}): Promise<TestServer> {
  const db = await openPglite();
  await migrate(db);
  const demo = await seedDemo(db, { people });
  if (!demo) throw new Error('fresh database already had a city');
  if (options.packs) await seedShippedPacks(db, PACK_DIR, await ensureSigningKey(db));
  const app = await createApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    demo,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export interface Device {
  readonly api: LocalDataApi;
  readonly indexedDB: IDBFactory;
  readonly dbName: string;
  /** Closes and reopens the device's database (a page reload). */
  reopen(): Promise<Device>;
}

/** A station device: its own IndexedDB and database, talking to the server with Node's fetch. */
export async function openDevice(existing?: { indexedDB: IDBFactory; dbName: string }): Promise<Device> {
  const indexedDB = existing?.indexedDB ?? new IDBFactory();
  const dbName = existing?.dbName ?? uniqueDbName('dev');
  const api = await openDataApi({ dbName, indexedDB, IDBKeyRange, now: testNow });
  const device: Device = {
    api, indexedDB, dbName,
    reopen: async () => {
      await api.close();
      return openDevice({ indexedDB, dbName });
    },
  };
  return device;
}

export async function enrolDevice(device: Device, server: TestServer, station: keyof typeof DEMO_CODES): Promise<void> {
  const session = await device.api.enrol(server.url, station, DEMO_CODES[station], `${station} laptop`);
  const staff = session.staff[0];
  if (!staff) throw new Error('station without staff');
  device.api.setOperator(staff.id);
}

interface Closable {
  close(): Promise<void>;
}

export interface ServerEnv {
  /** The file's server; available from beforeAll on. */
  server(): TestServer;
  /** Closes `x` after the current test. */
  track<T extends Closable>(x: T): T;
  /** Closes `x` now and stops tracking it (a test that reopens the same database). */
  closeNow(x: Closable): Promise<void>;
}

/**
 * One real server per test file, and the data APIs each test opens closed
 * after it: RxDB's free build caps open collections per process (about 13,
 * five per device), so devices must not outlive their test. Call at the top
 * level of a test file.
 */
export function useTestServer(people = 0, options: { packs?: boolean } = {}): ServerEnv {
  let running: TestServer | null = null;
  const opened: Closable[] = [];
  beforeAll(async () => {
    running = await startTestServer(people, options);
  });
  afterEach(async () => {
    for (const x of opened.splice(0)) await x.close();
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    server: () => {
      if (!running) throw new Error('test server not started yet');
      return running;
    },
    track: (x) => {
      opened.push(x);
      return x;
    },
    closeNow: async (x) => {
      const i = opened.indexOf(x);
      if (i >= 0) opened.splice(i, 1);
      await x.close();
    },
  };
}

/** Opens a data API on the given IndexedDB and also hands back its RxDB store (for tests that inspect or tamper with it). */
export async function openApiWithStore(place: { indexedDB: IDBFactory; dbName: string; now?: () => Date }): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const stores: LocalStore[] = [];
  const api = await openDataApi({ ...place, IDBKeyRange, now: place.now ?? testNow, onStore: (s) => stores.push(s) });
  const [store] = stores;
  if (!store) throw new Error('no store');
  return { api, store };
}
