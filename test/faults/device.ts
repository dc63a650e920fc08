import { register } from 'node:module';
import type { Conflict } from '../../src/shared/conflict';
import type { AuditEvent } from '../../src/shared/audit';
import type { Person } from '../../src/shared/person';
import type { DataApi } from '../../src/renderer/data/contract';

/**
 * The renderer's real data layer (src/renderer/db + sync: RxDB, Dexie,
 * replication, SSE) in this Node process over fake-indexeddb.
 *
 * Two things differ from Vite/Vitest:
 * - `import.meta.env` does not exist under plain Node + tsx, so a module
 *   hook replaces it in src/renderer sources with the production values
 *   (DEV false: no RxDB dev-mode or ajv, as shipped).
 * - test/faults is type-checked with tsconfig.server.json (no DOM lib), so
 *   the data layer is loaded through a specifier tsc does not follow and
 *   typed by its DOM-free contract (src/renderer/data/contract.ts).
 */
const ENV_HOOK = `
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.includes('/src/renderer/') || result.source == null) return result;
  const text = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source);
  if (!text.includes('import.meta.env')) return result;
  return { ...result, source: text.replaceAll('import.meta.env', '({ DEV: false, PROD: true, MODE: "production", SSR: false })') };
}`;

export interface LocalApi extends DataApi {
  close(): Promise<void>;
}

interface FakeIdb {
  readonly IDBFactory: new () => object;
  readonly IDBKeyRange: unknown;
}
interface OpenModule {
  openDataApi(options: { dbName: string; indexedDB: object; IDBKeyRange: unknown }): Promise<LocalApi>;
}

let loaded: Promise<{ idb: FakeIdb; open: OpenModule }> | null = null;
function load(): Promise<{ idb: FakeIdb; open: OpenModule }> {
  loaded ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(ENV_HOOK)}`);
    const openPath = '../../src/renderer/db/open-data-api.ts';
    const idbPath = 'fake-indexeddb';
    const idb = (await import(idbPath)) as FakeIdb;
    const open = (await import(openPath)) as OpenModule;
    return { idb, open };
  })();
  return loaded;
}

/** One station device: its own IndexedDB; `reopen()` is a page reload (close, open the same database). */
export class Device {
  private constructor(readonly label: string, public api: LocalApi, private readonly indexedDB: object, private readonly dbName: string) {}

  static async open(label: string, dbName: string): Promise<Device> {
    const { idb, open } = await load();
    const indexedDB = new idb.IDBFactory();
    const api = await open.openDataApi({ dbName, indexedDB, IDBKeyRange: idb.IDBKeyRange });
    return new Device(label, api, indexedDB, dbName);
  }

  async reopen(): Promise<void> {
    const { idb, open } = await load();
    await this.api.close();
    this.api = await open.openDataApi({ dbName: this.dbName, indexedDB: this.indexedDB, IDBKeyRange: idb.IDBKeyRange });
    const session = await this.api.session();
    const staff = session?.staff[0];
    if (staff) this.api.setOperator(staff.id);
  }

  async enrol(serverUrl: string, station: string, code: string): Promise<void> {
    const session = await this.api.enrol(serverUrl, station, code, `${station} fault laptop`);
    const staff = session.staff[0];
    if (!staff) throw new Error('station without staff');
    this.api.setOperator(staff.id);
  }

  async token(): Promise<string> {
    const session = await this.api.session();
    if (!session) throw new Error(`${this.label} is not enrolled`);
    return session.token;
  }

  async pending(): Promise<number> {
    return new Promise((resolve) => {
      const sub = this.api.sync.status$.subscribe((s) => { resolve(s.pending); queueMicrotask(() => { sub.unsubscribe(); }); });
    });
  }

  async persons(): Promise<Person[]> {
    return this.api.persons.getMany(await this.api.persons.listIds());
  }

  /** Every audit event stored on the device (through the persons it holds). */
  async auditEvents(): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    for (const id of await this.api.persons.listIds()) out.push(...(await this.api.persons.history(id)));
    return out;
  }

  async openConflicts(): Promise<Conflict[]> {
    return new Promise((resolve) => {
      const sub = this.api.conflicts.observeOpen().subscribe((c) => { resolve(c); queueMicrotask(() => { sub.unsubscribe(); }); });
    });
  }

  async close(): Promise<void> {
    await this.api.close();
  }
}
