import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { addRxPlugin, createRxDatabase, type DexieSettings, type RxCollection, type RxConflictHandler, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { deepEqual } from '../../shared/merge';
import { auditMigrationStrategies, auditSchemaV1, type AuditDoc } from './schemas/audit-schema';
import { conflictMigrationStrategies, conflictSchemaV1, type ConflictDoc } from './schemas/conflict-schema';
import { packSchemaV0, type PackStoreDoc } from './schemas/pack-schema';
import { paymentSchemaV0, type PaymentDoc } from './schemas/payment-schema';
import { personMigrationStrategies, personSchemaV1, type PersonDoc } from './schemas/person-schema';
import { recordMigrationStrategies, recordSchemaV1, type RecordDoc } from './schemas/record-schema';

export type PersonCollection = RxCollection<PersonDoc>;
export type AuditCollection = RxCollection<AuditDoc>;
export type ConflictCollection = RxCollection<ConflictDoc>;
export type PackCollection = RxCollection<PackStoreDoc>;
export type PaymentCollection = RxCollection<PaymentDoc>;
/** Window records (enrolment status, close-out): src/shared/records.ts, ADR 012. */
export type RecordCollection = RxCollection<RecordDoc>;

export interface ShebaoCollections {
  persons: PersonCollection;
  audit: AuditCollection;
  conflicts: ConflictCollection;
  packs: PackCollection;
  payments: PaymentCollection;
  records: RecordCollection;
}
export type ShebaoDatabase = RxDatabase<ShebaoCollections>;

/** The Dexie database RxDB's Dexie storage opened for one collection. */
export type DexieDb = Parameters<NonNullable<DexieSettings['onCreate']>>[0];

export interface StorageOptions {
  /** Defaults to the browser's (globalThis.indexedDB); tests pass fake-indexeddb's. */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

export interface LocalStore {
  readonly db: ShebaoDatabase;
  readonly persons: PersonCollection;
  readonly audit: AuditCollection;
  readonly conflicts: ConflictCollection;
  readonly packs: PackCollection;
  readonly payments: PaymentCollection;
  readonly records: RecordCollection;
  /** The raw Dexie database under a collection, for key-only index reads (see person-reads.ts). */
  dexieOf(collection: keyof ShebaoCollections): DexieDb;
  close(): Promise<void>;
}

/**
 * RxDB's default hash is crypto.subtle, which browsers only expose in secure
 * contexts; a station opening the web host over plain http on the LAN has
 * none. This gives the same SHA-256 hex everywhere.
 */
export const hashFunction = async (input: string | ArrayBuffer | Blob): Promise<string> => {
  const bytes = typeof input === 'string' ? utf8ToBytes(input) : new Uint8Array(input instanceof Blob ? await input.arrayBuffer() : input);
  return bytesToHex(sha256(bytes));
};

let pluginsReady: Promise<void> | null = null;

/**
 * Adds RxDB plugins once per page. Dev-mode and the ajv schema validator run
 * only in development and tests (import.meta.env.DEV under Vite and Vitest):
 * they are slow, and ajv compiles validators with `new Function`, which the
 * production CSP (script-src 'self') forbids.
 */
function ensurePlugins(): Promise<void> {
  pluginsReady ??= (async () => {
    addRxPlugin(RxDBMigrationSchemaPlugin);
    addRxPlugin(RxDBLocalDocumentsPlugin);
    if (import.meta.env.DEV) {
      const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
      disableWarnings();
      addRxPlugin(RxDBDevModePlugin);
    }
  })();
  return pluginsReady;
}

/** The storage every open of our database uses (also by the migration test for its version-0 database). */
export async function createStorage(options: StorageOptions, onCreate?: DexieSettings['onCreate']): Promise<RxStorage<unknown, unknown>> {
  await ensurePlugins();
  const settings: DexieSettings = {};
  if (options.indexedDB) settings.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) settings.IDBKeyRange = options.IDBKeyRange;
  if (onCreate) settings.onCreate = onCreate;
  const dexie = getRxStorageDexie(settings) as RxStorage<unknown, unknown>;
  if (!import.meta.env.DEV) return dexie;
  const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
  return wrappedValidateAjvStorage({ storage: dexie });
}

/**
 * Conflict handler for persons: adopt the server's state. The server has
 * already merged three-way against our assumed master state (src/shared/
 * merge.ts) and recorded any clash as a conflict document, so a second
 * merge here could only disagree with it. Equality ignores RxDB meta fields
 * and key order (canonical JSON).
 */
export const adoptServerState: RxConflictHandler<PersonDoc> = serverWins<PersonDoc>();

/**
 * The same rule for payments, for a different reason: a payment never
 * changes, so a conflict means the server holds a different document under
 * the same id and has logged it. The server's copy is kept; the push
 * handler (sync/payment-push.ts) has already saved our version in the
 * `payment-rejections` local document, so nothing is lost silently.
 */
export const keepServerPayment: RxConflictHandler<PaymentDoc> = serverWins<PaymentDoc>();

/** Window records are immutable too: the same rule and reason (our version is kept by sync/record-push.ts). */
export const keepServerRecord: RxConflictHandler<RecordDoc> = serverWins<RecordDoc>();

function serverWins<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(stripMeta(a), stripMeta(b)),
    resolve: (input) => Promise.resolve(input.realMasterState),
  };
}

function stripMeta(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object') return doc;
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/**
 * Opens (or creates) the station's local database. `name` is the RxDB
 * database name; each collection lives in its own IndexedDB database named
 * rxdb-dexie-<name>--<schema version>--<collection>.
 */
export async function openLocalStore(name: string, options: StorageOptions = {}): Promise<LocalStore> {
  const dexies = new Map<string, DexieDb>();
  const storage = await createStorage(options, (dexieDb, dexieDbName) => {
    dexies.set(dexieDbName, dexieDb);
  });
  const db = await createRxDatabase<ShebaoCollections>({
    name,
    storage,
    hashFunction,
    // One window per station (Electron holds a single-instance lock); the
    // web host is expected in one tab. Without multiInstance there is no
    // leader election and the replication runs in this tab.
    multiInstance: false,
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections({
      persons: { schema: personSchemaV1, migrationStrategies: personMigrationStrategies, conflictHandler: adoptServerState },
      audit: { schema: auditSchemaV1, migrationStrategies: auditMigrationStrategies },
      conflicts: { schema: conflictSchemaV1, migrationStrategies: conflictMigrationStrategies },
      packs: { schema: packSchemaV0 },
      payments: { schema: paymentSchemaV0, conflictHandler: keepServerPayment },
      // The sixth and last collection: RxDB's free build refuses a 14th open
      // collection per process, and tests open two databases at once.
      records: { schema: recordSchemaV1, migrationStrategies: recordMigrationStrategies, conflictHandler: keepServerRecord },
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const versions: Record<keyof ShebaoCollections, number> = {
    persons: personSchemaV1.version,
    audit: auditSchemaV1.version,
    conflicts: conflictSchemaV1.version,
    packs: packSchemaV0.version,
    payments: paymentSchemaV0.version,
    records: recordSchemaV1.version,
  };
  return {
    db,
    persons: db.persons,
    audit: db.audit,
    conflicts: db.conflicts,
    packs: db.packs,
    payments: db.payments,
    records: db.records,
    dexieOf: (collection) => {
      const dexie = dexies.get(`rxdb-dexie-${name}--${versions[collection]}--${collection}`);
      if (!dexie) throw new Error(`no Dexie database for ${collection}`);
      return dexie;
    },
    close: async () => {
      await db.close();
    },
  };
}
