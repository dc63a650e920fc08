import { register } from 'node:module';
import { canonical } from '../../src/shared/merge';
import { installDeviceClocks, onClock, onDeviceClock } from './device-clock';
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
/** The part of the opened RxDB store (db/database.ts LocalStore) the invariants read, typed without DOM types. */
interface DocLike { toJSON(): unknown }
interface StoreLike {
  readonly payments: { find(): { exec(): Promise<DocLike[]> } };
  readonly records: { find(): { exec(): Promise<DocLike[]> } };
  readonly db: { getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null> };
}
interface OpenModule {
  openDataApi(options: { dbName: string; indexedDB: object; IDBKeyRange: unknown; onStore: (store: StoreLike) => void }): Promise<LocalApi>;
}

/** A document as synced: RxDB's own fields removed. */
export type Doc = Readonly<Record<string, unknown>> & { readonly id: string };
const META = new Set(['_meta', '_rev', '_attachments', '_deleted']);
export const stripMeta = (doc: unknown): Doc =>
  Object.fromEntries(Object.entries(doc as Record<string, unknown>).filter(([k]) => !META.has(k))) as Doc;
/** Content of a document for comparison across server and devices (canonical JSON, meta excluded). */
export const contentOf = (doc: unknown): string => canonical(stripMeta(doc));

/** A document the centre did not take as written, as the device keeps it (payment-rejections / record-rejections local documents). */
export interface Rejection {
  readonly id: string;
  readonly reason: string;
  readonly code: string;
}

let loaded: Promise<{ idb: FakeIdb; open: OpenModule }> | null = null;
function load(): Promise<{ idb: FakeIdb; open: OpenModule }> {
  loaded ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(ENV_HOOK)}`);
    installDeviceClocks();
    const openPath = '../../src/renderer/db/open-data-api.ts';
    const idbPath = 'fake-indexeddb';
    const idb = (await import(idbPath)) as FakeIdb;
    const open = (await import(openPath)) as OpenModule;
    return { idb, open };
  })();
  return loaded;
}

/**
 * One station device: its own IndexedDB; `reopen()` is a page reload (close, open the same database).
 * `clockOffsetMs` is how far the device's wall clock is from the machine's (device-clock.ts): every
 * call into its data layer, and all it schedules, reads that clock.
 */
export class Device {
  private raw: LocalApi;
  private store: StoreLike;
  /** The data layer, every call on this device's clock. */
  api: LocalApi;

  private constructor(readonly label: string, opened: { api: LocalApi; store: StoreLike }, private readonly indexedDB: object, private readonly dbName: string, readonly clockOffsetMs: number) {
    this.raw = opened.api;
    this.store = opened.store;
    this.api = onDeviceClock(this.raw, () => this.clockOffsetMs);
  }

  private static async openApi(dbName: string, indexedDB: object, clockOffsetMs: number): Promise<{ api: LocalApi; store: StoreLike }> {
    const { idb, open } = await load();
    const handed: { store?: StoreLike } = {};
    const api = await onClock(clockOffsetMs, () => open.openDataApi({ dbName, indexedDB, IDBKeyRange: idb.IDBKeyRange, onStore: (s) => { handed.store = s; } }));
    if (!handed.store) throw new Error('openDataApi did not hand over its store');
    return { api, store: handed.store };
  }

  static async open(label: string, dbName: string, clockOffsetMs = 0): Promise<Device> {
    const { idb } = await load();
    const indexedDB = new idb.IDBFactory();
    return new Device(label, await Device.openApi(dbName, indexedDB, clockOffsetMs), indexedDB, dbName, clockOffsetMs);
  }

  /**
   * `settled`: the write the reload cut short. In a browser or Electron a
   * reload ends the page's JavaScript: a write either committed before the
   * page went or never runs. Here the old data layer lives on in the same
   * process, so the write is let finish (or fail on the closed database)
   * before the new page opens — otherwise it could land through the old
   * instance after the new one's replication had looked, which no real
   * reload can do.
   */
  async reopen(settled?: () => Promise<unknown>): Promise<void> {
    await this.api.close();
    if (settled) await settled();
    const opened = await Device.openApi(this.dbName, this.indexedDB, this.clockOffsetMs);
    this.raw = opened.api;
    this.store = opened.store;
    this.api = onDeviceClock(this.raw, () => this.clockOffsetMs);
    const session = await this.api.session();
    const staff = session?.staff[0];
    if (staff) this.api.setOperator(staff.id);
  }

  /** Every payment the device holds (its own and those pulled), meta stripped. */
  async paymentDocs(): Promise<Doc[]> {
    return (await this.store.payments.find().exec()).map((d) => stripMeta(d.toJSON()));
  }

  /** Every window record (enrolment, close-out, contact) the device holds. */
  async recordDocs(): Promise<Doc[]> {
    return (await this.store.records.find().exec()).map((d) => stripMeta(d.toJSON()));
  }

  /** What the device shows as refused or replaced by the centre, per collection. */
  async rejections(collection: 'payments' | 'records'): Promise<Rejection[]> {
    const name = collection === 'payments' ? 'payment-rejections' : 'record-rejections';
    const doc = await this.store.db.getLocal(name);
    const list = (doc?.toJSON().data as { rejections?: Array<Record<string, unknown>> } | undefined)?.rejections ?? [];
    return list.map((r) => ({ id: String(r.paymentId ?? r.recordId), reason: String(r.reason), code: String(r.code) }));
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

  /** The sync status the status bar shows (pending count, last error code). */
  async status(): Promise<{ pending: number; errorCode: string | null }> {
    return new Promise((resolve) => {
      const sub = this.api.sync.status$.subscribe((s) => { resolve({ pending: s.pending, errorCode: s.errorCode }); queueMicrotask(() => { sub.unsubscribe(); }); });
    });
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
