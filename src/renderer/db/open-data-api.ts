import type { StaffRef } from '../../shared/sync-protocol';
import { DataError, type DataApi, type DeviceSession } from '../data/contract';
import { enrolDevice } from '../sync/enrol';
import type { FetchImpl } from '../sync/http-client';
import { createPendingTracker } from '../sync/pending-changes';
import { createSyncController } from '../sync/sync-controller';
import { createCloseoutRepository } from './closeout-repository';
import { createConflictRepository } from './conflict-repository';
import { createConflictReviewRepository } from './conflict-review-repository';
import { createDeviceHlc, stampAuditEvents } from './device-hlc';
import { createCorrectionRepository } from './correction-repository';
import { openLocalStore, type LocalStore } from './database';
import { createEnrolmentRepository } from './enrolment-repository';
import { createLapseRepository } from './lapse-repository';
import { createNoticeRepository } from './notice-repository';
import { LOCAL_DOC, readLocal, writeLocal } from './local-state';
import { createPaymentRepository } from './payment-repository';
import { createPolicyRepository } from './policy-repository';
import { createTopUpRepositories } from './top-up-repository';
import { createTransferInRepository } from './transfer-in-repository';
import { requestPersistentStorage } from './persist-storage';
import { createPersonRepository } from './person-repository';
import type { LocalWriteCollection } from './repository-deps';
import { openFailure, writeFailure } from './storage-errors';

export const DEFAULT_DB_NAME = 'shebao';

export interface OpenDataApiOptions {
  /** RxDB database name (default 'shebao'); tests and the two-station e2e use their own. */
  readonly dbName?: string;
  readonly fetchImpl?: FetchImpl;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Benchmark builds only (`vite build --mode bench`, see app/boot.tsx):
   * receives the opened store so test/bench can bulk-insert 100,000 people
   * into RxDB directly. The app itself never passes it.
   */
  readonly onStore?: (store: LocalStore) => void;
  /**
   * Tests only: the clock payments are taken by (createdAt, the current
   * month that makes a span a back-payment, the receipt year and its lease).
   * The app never passes it and uses the machine's clock.
   */
  readonly now?: () => Date;
}

/** DataApi plus what only the app shell needs. */
export interface LocalDataApi extends DataApi {
  /** The answer to navigator.storage.persist() (asked once per device); null where unsupported. */
  storagePersisted(): boolean | null;
  /** Device clock minus server clock in ms (null until measured); warn beyond sync/clock.ts CLOCK_SKEW_WARN_MS. */
  clockSkewMs(): number | null;
  /** Stops sync and closes the database (tests; the app keeps it open for the page's life). */
  close(): Promise<void>;
}

function findStaff(session: DeviceSession | null, staffId: string | undefined): StaffRef | null {
  return session?.staff.find((s) => s.id === staffId) ?? null;
}

/**
 * Opens the local database and returns the data layer. Call once at start,
 * before rendering <DataProvider>. Throws DataError('db.open') when the
 * database cannot be opened (corrupt, blocked, IndexedDB unavailable) and
 * DataError('db.quota') when the disk is full; it never deletes or
 * recreates a database, so nothing stored is lost. Sync does not start by
 * itself: call `sync.start()` once the UI is up.
 */
export async function openDataApi(options: OpenDataApiOptions = {}): Promise<LocalDataApi> {
  const fetchImpl: FetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  let store: LocalStore;
  try {
    store = await openLocalStore(options.dbName ?? DEFAULT_DB_NAME, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const api = await assemble(store, fetchImpl, options.now);
    options.onStore?.(store);
    return api;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw openFailure(error);
  }
}

async function assemble(store: LocalStore, fetchImpl: FetchImpl, now: (() => Date) | undefined): Promise<LocalDataApi> {
  const { db } = store;
  let session = await readLocal(db, LOCAL_DOC.session);
  let operator = findStaff(session, (await readLocal(db, LOCAL_DOC.operator))?.staffId);
  const persisted = await requestPersistentStorage(db).catch(() => null);
  const pending = await createPendingTracker(db);
  const sync = createSyncController({
    store, fetchImpl, pending,
    session: () => session,
    saveSession: async (next) => {
      await writeLocal(db, LOCAL_DOC.session, next);
      session = next;
    },
    initialLastSyncAt: (await readLocal(db, LOCAL_DOC.syncMeta))?.lastSyncAt ?? null,
    ...(now ? { now } : {}),
  });
  const repositoryDeps = {
    store,
    session: () => session,
    operator: () => operator,
    localWrite: (collection: LocalWriteCollection, id: string, version: string) => {
      pending.mark(collection, id, version);
    },
  };
  // Hybrid logical clock (ADR 019): stamps every audit event; adopts the server's time when it is ahead.
  const hlc = createDeviceHlc(() => session?.deviceId ?? null);
  stampAuditEvents(store, hlc);
  sync.clockSkewMs$.subscribe((skew) => {
    if (skew !== null) hlc.observeServerTime(Date.now() - skew);
  });
  const persons = createPersonRepository(repositoryDeps);
  const policy = createPolicyRepository(store, () => session?.policyKeys ?? []);
  const payments = createPaymentRepository({ ...repositoryDeps, policy, ...(now ? { now } : {}) });
  const { topUps, statements } = createTopUpRepositories({ ...repositoryDeps, policy, ...(now ? { now } : {}) });
  const enrolments = createEnrolmentRepository(repositoryDeps);

  return {
    persons,
    conflicts: createConflictRepository(store.conflicts),
    conflictReview: createConflictReviewRepository({ ...repositoryDeps, hlc }),
    policy,
    payments,
    enrolments,
    transfers: createTransferInRepository({ ...repositoryDeps, enrolments }),
    topUps,
    statements,
    corrections: createCorrectionRepository(repositoryDeps),
    closeouts: createCloseoutRepository(repositoryDeps),
    lapses: createLapseRepository({ ...repositoryDeps, policy }),
    notices: createNoticeRepository(repositoryDeps),
    sync,
    session: () => Promise.resolve(session),
    async enrol(serverUrl, stationCode, enrolmentCode, deviceName) {
      const next = await enrolDevice(fetchImpl, serverUrl, { stationCode, enrolmentCode, deviceName });
      try {
        await writeLocal(db, LOCAL_DOC.session, next);
      } catch (error) {
        throw writeFailure(error);
      }
      session = next;
      operator = findStaff(session, operator?.id);
      await sync.sessionChanged();
      return next;
    },
    setOperator(staffId) {
      const staff = findStaff(session, staffId);
      if (!staff) throw new DataError('operator.unknown');
      operator = staff;
      writeLocal(db, LOCAL_DOC.operator, { staffId }).catch((error: unknown) => {
        console.error('could not remember the operator', error);
      });
    },
    operator: () => operator,
    storagePersisted: () => persisted,
    clockSkewMs: () => sync.clockSkewMs(),
    async close() {
      await sync.dispose();
      await pending.flush();
      await store.close();
    },
  };
}
