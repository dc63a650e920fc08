import { BehaviorSubject, type Observable } from 'rxjs';
import type { ShebaoDatabase } from '../db/database';
import { LOCAL_DOC, readLocal, writeLocal, type PendingState } from '../db/local-state';
import type { LocalWriteCollection } from '../db/repository-deps';

/**
 * Counts local writes the server has not acknowledged yet.
 *
 * Why a marker per written document instead of asking RxDB: the
 * replication keeps no count, and its meta instance (the assumed master
 * states) would need a scan of every document to compare. Instead every
 * local write through a repository marks (collection, id, version); the
 * replication's sent$ (row accepted) and conflict$ (server answered with
 * its merged state) acknowledge it. A marker is removed only when the
 * acknowledged version is at least the marked one, so an edit made while
 * an older state of the same person is in flight stays counted. Versions
 * are updatedAt for persons (strictly increasing per document, see
 * stampAfter) and the event time for audit events (written once).
 *
 * The markers are kept in a local document, so the count survives a
 * reload while offline. If an acknowledgement is lost (the page closed
 * between the push and saving the marker), the next complete sync round
 * clears every marker that existed when the round started (settleRound).
 */
export interface PendingTracker {
  readonly count$: Observable<number>;
  count(): number;
  mark(collection: LocalWriteCollection, id: string, version: string): void;
  acknowledge(collection: LocalWriteCollection, id: string, version: string): void;
  /** What is marked now; pass it to settleRound() after a round that started later completed. */
  snapshot(): PendingState;
  settleRound(before: PendingState): void;
  /** Resolves when every change so far is saved. */
  flush(): Promise<void>;
}

const COLLECTIONS: readonly LocalWriteCollection[] = ['persons', 'audit', 'payments', 'records'];

export async function createPendingTracker(db: ShebaoDatabase): Promise<PendingTracker> {
  const stored = await readLocal(db, LOCAL_DOC.pending);
  const state: Record<LocalWriteCollection, Record<string, string>> = {
    persons: { ...stored?.persons },
    audit: { ...stored?.audit },
    payments: { ...stored?.payments },
    records: { ...stored?.records },
  };
  const total = (): number => COLLECTIONS.reduce((n, c) => n + Object.keys(state[c]).length, 0);
  const copyState = (): PendingState => ({
    persons: { ...state.persons }, audit: { ...state.audit }, payments: { ...state.payments }, records: { ...state.records },
  });
  const count$ = new BehaviorSubject<number>(total());
  let saving: Promise<void> = Promise.resolve();

  const changed = (): void => {
    count$.next(total());
    const copy = copyState();
    // Saves run one after another so an older state never overwrites a newer one.
    saving = saving.then(() => writeLocal(db, LOCAL_DOC.pending, copy)).catch((error: unknown) => {
      console.error('pending-changes: could not save', error);
    });
  };

  return {
    count$: count$.asObservable(),
    count: total,
    mark(collection, id, version) {
      if (state[collection][id] === version) return;
      state[collection][id] = version;
      changed();
    },
    acknowledge(collection, id, version) {
      const marked = state[collection][id];
      if (marked === undefined || marked > version) return;
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a record used as a map of ids
      delete state[collection][id];
      changed();
    },
    snapshot: copyState,
    settleRound(before) {
      let any = false;
      for (const collection of COLLECTIONS) {
        for (const [id, version] of Object.entries(before[collection] ?? {})) {
          if (state[collection][id] === version) {
            // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a record used as a map of ids
            delete state[collection][id];
            any = true;
          }
        }
      }
      if (any) changed();
    },
    flush: () => saving,
  };
}
