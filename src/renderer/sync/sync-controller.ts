import { BehaviorSubject, combineLatest, distinctUntilChanged, firstValueFrom, map, Subject, type Observable, type Subscription } from 'rxjs';
import type { RxCollection, WithDeleted } from 'rxdb';
import { nowIso } from '../../shared/ids';
import type { SyncCollection } from '../../shared/sync-protocol';
import type { DeviceSession, SyncController, SyncState, SyncStatus } from '../data/contract';
import type { LocalStore } from '../db/database';
import { LOCAL_DOC, writeLocal } from '../db/local-state';
import type { LocalWriteCollection } from '../db/repository-deps';
import { measureClockSkew } from './clock';
import { packPullScreen } from './pack-screen';
import { paymentPushRows } from './payment-push';
import { recordPushRows } from './record-push';
import { leaseReceipts } from './receipt-lease';
import { fetchPolicyKeys } from './policy-keys';
import { openEventStream, type EventStreamHandle } from './event-stream';
import { createApiClient, SyncHttpError, type FetchImpl } from './http-client';
import type { PendingTracker } from './pending-changes';
import { replicateCollection, type ReplicateOptions } from './replication';

export interface SyncControllerDeps {
  readonly store: LocalStore;
  readonly fetchImpl: FetchImpl;
  readonly pending: PendingTracker;
  session(): DeviceSession | null;
  /** Stores a changed session (policy keys fetched for a device enrolled without them). */
  saveSession(next: DeviceSession): Promise<void>;
  readonly initialLastSyncAt: string | null;
  /** The payments' clock (OpenDataApiOptions.now): receipts are leased for its year, the year take() numbers in. */
  readonly now?: () => Date;
}

export interface LocalSyncController extends SyncController {
  /** Call after enrolment: restarts the replication with the new session if it was running. */
  sessionChanged(): Promise<void>;
  /** Device clock minus server clock in ms, measured at start; null until measured. */
  clockSkewMs(): number | null;
  dispose(): Promise<void>;
}

/** What the controller needs of one collection's replication, whatever its document type. */
interface Running {
  readonly name: SyncCollection;
  reSync(): void;
  resyncFromStream(): void;
  awaitInSync(): Promise<unknown>;
  cancel(): Promise<void>;
  readonly active$: Observable<boolean>;
}

/** Longest wait of the records push for the persons push (see personsFirst). */
const PERSONS_FIRST_MS = 10_000;

function browserSaysOnline(): boolean {
  return typeof navigator === 'undefined' ? true : navigator.onLine;
}

/**
 * Runs the replications (persons, audit: push+pull; conflicts and, once
 * the centre's keys are known, verified policy packs: pull-only), listens to the server's SSE stream, and reports SyncStatus.
 *
 * lastSyncAt is set when all replications fall idle after being active:
 * RxDB keeps a replication active while a handler is retrying, so idle
 * after activity means every push and pull of that round succeeded. It is
 * stored in a local document so it survives a reload.
 */
export function createSyncController(deps: SyncControllerDeps): LocalSyncController {
  let wanted = false;
  let running: Running[] = [];
  let stream: EventStreamHandle | null = null;
  let subs: Subscription[] = [];
  let browserOnline = browserSaysOnline();
  let reached = true;
  let errorCode: string | null = null;
  let lastSyncAt = deps.initialLastSyncAt;
  let active = false;
  const skew$ = new BehaviorSubject<number | null>(null);
  /** Measures the device clock against the server's (GET /time); a failure keeps the last measurement. */
  const measureSkew = (api: ReturnType<typeof createApiClient>): Promise<void> =>
    measureClockSkew(api).then(
      (ms) => {
        skew$.next(ms);
      },
      () => undefined,
    );
  let roundStart = deps.pending.snapshot();
  const failure$ = new Subject<string>();

  const computeState = (): SyncState => {
    if (!deps.session()) return 'unenrolled';
    if (!(browserOnline && reached)) return 'offline';
    if (errorCode !== null) return 'error';
    return active ? 'syncing' : 'idle';
  };
  const snapshot = (): SyncStatus => ({
    state: computeState(),
    online: browserOnline && reached,
    pending: deps.pending.count(),
    lastSyncAt,
    errorCode,
  });
  const status$ = new BehaviorSubject<SyncStatus>(snapshot());
  const publish = (): void => {
    status$.next(snapshot());
  };
  const pendingSub = deps.pending.count$.subscribe(publish);

  const roundSucceeded = (): void => {
    lastSyncAt = nowIso();
    errorCode = null;
    deps.pending.settleRound(roundStart);
    void refreshReceipts();
    writeLocal(deps.store.db, LOCAL_DOC.syncMeta, { lastSyncAt }).catch((error: unknown) => {
      console.error('sync: could not save lastSyncAt', error);
    });
    publish();
  };

  const onFailure = (error: unknown): void => {
    errorCode = error instanceof SyncHttpError ? error.code : 'sync.failed';
    publish();
    failure$.next(errorCode);
  };

  function track<T extends { id: string; updatedAt?: string; at?: string; createdAt?: string }>(
    name: SyncCollection,
    collection: RxCollection<T>,
    session: DeviceSession,
    push: boolean,
    api: ReturnType<typeof createApiClient>,
    screened?: { readonly screen: (docs: Array<WithDeleted<T>>) => Promise<Array<WithDeleted<T>>>; readonly idSuffix: string },
    pushRows?: ReplicateOptions<T>['pushRows'],
  ): Running {
    const r = replicateCollection<T>({
      name, collection, api, push, onFailure,
      identifier: `${session.serverUrl}|${session.deviceId}|${name}${screened ? `|${screened.idSuffix}` : ''}`,
      ...(screened ? { screen: screened.screen } : {}),
      ...(pushRows ? { pushRows } : {}),
    });
    if (name === 'persons' || name === 'audit' || name === 'payments' || name === 'records') {
      const coll: LocalWriteCollection = name;
      const ack = (doc: WithDeleted<T>): void => {
        // persons: updatedAt; audit events: at; payments and records (written once): createdAt.
        const version = doc.updatedAt ?? doc.at ?? doc.createdAt;
        if (version !== undefined) deps.pending.acknowledge(coll, doc.id, version);
      };
      subs.push(r.state.sent$.subscribe(ack), r.state.conflict$.subscribe((c) => { ack(c.input.newDocumentState); }));
    }
    subs.push(r.state.error$.subscribe((error) => {
      // Handler failures were reported with their ApiError code already.
      if (!(error.parameters.errors ?? []).length) onFailure(error);
    }));
    return {
      name,
      reSync: () => { r.state.reSync(); },
      resyncFromStream: () => { r.stream$.next('RESYNC'); },
      awaitInSync: () => r.state.awaitInSync(),
      cancel: () => r.state.cancel(),
      active$: r.state.active$,
    };
  }

  function begin(session: DeviceSession): void {
    const api = createApiClient({
      fetchImpl: deps.fetchImpl, baseUrl: session.serverUrl, token: session.token,
      onReach: (ok) => {
        if (reached !== ok) {
          reached = ok;
          publish();
        }
      },
    });
    const persons = track('persons', deps.store.persons, session, true, api);
    running = [
      persons,
      track('audit', deps.store.audit, session, true, api),
      // Pushed only to resolve one (open → resolved, ADR 019); the server refuses any other change.
      track('conflicts', deps.store.conflicts, session, true, api),
      track('payments', deps.store.payments, session, true, api, undefined, paymentPushRows(deps.store.db)),
      // An enrolment names a person: push this device's persons first (the centre refuses an unknown person).
      track('records', deps.store.records, session, true, api, undefined, recordPushRows(deps.store.db, { personsPushed: () => personsFirst(persons) })),
    ];
    currentApi = api;
    void refreshReceipts();
    const keys = session.policyKeys ?? [];
    if (keys.length > 0) {
      // The key ids are part of the replication identifier: when the trusted
      // keys change, the packs pull starts again from the beginning, so packs
      // refused under the old keys are verified again under the new ones.
      const idSuffix = keys.map((k) => k.keyId).sort().join(',');
      running.push(track('packs', deps.store.packs, session, false, api, { screen: packPullScreen(deps.store.db, keys), idSuffix }));
    } else {
      void ensurePolicyKeys(session, api);
    }
    subs.push(
      combineLatest(running.map((r) => r.active$))
        .pipe(map((flags) => flags.some(Boolean)), distinctUntilChanged())
        .subscribe((isActive) => {
          const wasActive = active;
          active = isActive;
          if (isActive && !wasActive) roundStart = deps.pending.snapshot();
          if (!isActive && wasActive && running.length > 0) roundSucceeded();
          else publish();
        }),
    );
    stream = openEventStream(
      api.url('/sync/stream', new URLSearchParams({ token: session.token, v: '1' })),
      {
        onEvent: (event) => {
          for (const r of running) if (event.type === 'RESYNC' || r.name === event.collection) r.resyncFromStream();
        },
        onError: () => undefined,
      },
      deps.fetchImpl,
    );
    void measureSkew(api);
  }

  /**
   * Waits for the persons replication to be in sync, at most PERSONS_FIRST_MS:
   * a stuck persons push must not hold records back for ever (the centre's
   * 'person.notFound' then makes the records push retry).
   */
  function personsFirst(persons: Running): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise((resolve) => {
      timer = setTimeout(resolve, PERSONS_FIRST_MS);
    });
    return Promise.race([persons.awaitInSync().catch(() => undefined), cap]).finally(() => {
      clearTimeout(timer);
    });
  }

  // Receipt blocks refill at every sync round (issue 3 §4): the device tells
  // the server how many serials it has left and stores the blocks it holds.
  // One request at a time; a failure (offline, an older server without the
  // endpoint) leaves the stored blocks as they are and is not a sync error:
  // the payment page shows the stock and warns when it runs low.
  let leasing: Promise<void> | null = null;
  /** Set by dispose(): a lease must not start, or write, once the database is closing. */
  let disposed = false;
  function refreshReceipts(): Promise<void> {
    const session = deps.session();
    const api = currentApi;
    if (!session || !api || disposed) return Promise.resolve();
    leasing ??= leaseReceipts(api, deps.store, session, deps.now?.() ?? new Date())
      .catch((error: unknown) => {
        if (!(error instanceof SyncHttpError)) console.error('sync: receipt lease failed', error);
      })
      .finally(() => {
        leasing = null;
      });
    return leasing;
  }

  // Devices enrolled before policy packs existed have no keys: fetch them
  // once reachable, store them in the session, and restart the replications
  // so that the packs collection starts pulling. One fetch at a time.
  let keysFetch: Promise<void> | null = null;
  let currentApi: ReturnType<typeof createApiClient> | null = null;
  /** After coming online or on syncNow: try again for keys that could not be fetched at start. */
  const retryKeys = (): Promise<void> => {
    const session = deps.session();
    if (!session || (session.policyKeys ?? []).length > 0 || !currentApi || running.length === 0) return keysFetch ?? Promise.resolve();
    return ensurePolicyKeys(session, currentApi);
  };
  function ensurePolicyKeys(session: DeviceSession, api: ReturnType<typeof createApiClient>): Promise<void> {
    keysFetch ??= (async () => {
      try {
        const policyKeys = await fetchPolicyKeys(api);
        if (policyKeys.length === 0 || deps.session()?.deviceId !== session.deviceId) return;
        await deps.saveSession({ ...session, policyKeys });
        await controller.sessionChanged();
      } catch (error) {
        // Offline or an older server: tried again at the next start or syncNow.
        if (!(error instanceof SyncHttpError)) console.error('sync: could not store policy keys', error);
      } finally {
        keysFetch = null;
      }
    })();
    return keysFetch;
  }

  async function end(): Promise<void> {
    const stopping = running;
    running = [];
    currentApi = null;
    stream?.close();
    stream = null;
    for (const s of subs) s.unsubscribe();
    subs = [];
    active = false;
    await Promise.all(stopping.map((r) => r.cancel()));
    publish();
  }

  // start/stop/session changes run one after another: the UI may stop and
  // start again at once (React StrictMode effects), and a new replication
  // must not open while the previous one with the same identifier closes.
  let changing: Promise<void> = Promise.resolve();
  const lifecycle = (step: () => Promise<void>): Promise<void> => {
    changing = changing.then(step).catch((error: unknown) => {
      console.error('sync: start/stop failed', error);
    });
    return changing;
  };

  const onOnline = (): void => {
    browserOnline = true;
    reached = true;
    publish();
    for (const r of running) r.reSync();
    void retryKeys();
  };
  const onOffline = (): void => {
    browserOnline = false;
    publish();
  };
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (hasWindow) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  const controller: LocalSyncController = {
    status$: status$.asObservable(),
    start() {
      wanted = true;
      void lifecycle(() => {
        const session = deps.session();
        if (wanted && running.length === 0 && session) begin(session);
        publish();
        return Promise.resolve();
      });
    },
    async stop() {
      wanted = false;
      await lifecycle(end);
    },
    async syncNow() {
      if (!deps.session()) return;
      controller.start();
      await changing;
      // A keys fetch that restarts the replications must land before this round counts.
      await retryKeys();
      await refreshReceipts();
      if (currentApi) await measureSkew(currentApi);
      const failed = firstValueFrom(failure$).then(() => false);
      for (const r of running) r.reSync();
      const synced = Promise.all(running.map((r) => r.awaitInSync())).then(() => true, () => false);
      if (await Promise.race([synced, failed])) roundSucceeded();
    },
    async sessionChanged() {
      await lifecycle(end);
      if (wanted) controller.start();
      await changing;
      publish();
    },
    clockSkewMs: () => skew$.value,
    clockSkewMs$: skew$.asObservable(),
    async dispose() {
      wanted = false;
      disposed = true;
      // A lease already under way finishes before the caller closes the database (it writes the blocks).
      await leasing;
      if (hasWindow) {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      await lifecycle(end);
      pendingSub.unsubscribe();
      status$.complete();
      skew$.complete();
    },
  };
  return controller;
}
