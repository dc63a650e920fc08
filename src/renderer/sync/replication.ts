import { Subject } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { MAX_BATCH, type Checkpoint, type PullResponse, type PushResponse, type PushRow, type SyncCollection } from '../../shared/sync-protocol';
import type { ApiClient } from './http-client';

/** First retry after a failed request; doubles per failure up to RETRY_MAX_MS, with jitter so devices do not retry in step. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 60_000;
/** Well below the server's cap (MAX_BATCH) so that a batch stays small on a poor line. */
export const BATCH_SIZE = Math.min(200, MAX_BATCH);

export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface CollectionReplication<T> {
  readonly name: SyncCollection;
  readonly state: RxReplicationState<T, Checkpoint>;
  /** Where the SSE stream's events for this collection go ('RESYNC' makes the replication pull). */
  readonly stream$: Subject<RxReplicationPullStreamItem<T, Checkpoint>>;
}

export interface ReplicateOptions<T> {
  readonly name: SyncCollection;
  readonly collection: RxCollection<T>;
  readonly api: ApiClient;
  /** Conflicts are written by the server only: pull-only. */
  readonly push: boolean;
  /** Includes server and device, so enrolling elsewhere starts from a fresh checkpoint. */
  readonly identifier: string;
  readonly onFailure: (error: unknown) => void;
  /**
   * Pull-only collections whose documents must be checked before they are
   * stored (policy packs): returns the documents that may be stored. The
   * rest never reach the collection (see pullScreened).
   */
  readonly screen?: (docs: Array<WithDeleted<T>>) => Promise<Array<WithDeleted<T>>>;
  /**
   * Replaces the plain push (one POST per batch) for collections with their
   * own rules (payments: sync/payment-push.ts). `post` sends one batch and
   * returns the server's conflicts; the result goes back to RxDB as conflicts.
   */
  readonly pushRows?: (rows: Array<PushRow<WithDeleted<T>>>, post: (batch: Array<PushRow<WithDeleted<T>>>) => Promise<Array<WithDeleted<T>>>) => Promise<Array<WithDeleted<T>>>;
}

/**
 * One RxDB replication over the HTTP API (docs/protocol.md): checkpointed
 * pull, push of {assumedMasterState, newDocumentState}, live via `stream$`.
 * RxDB retries a failed handler after `retryTime`, which is set here after
 * every request to give exponential backoff.
 */
export function replicateCollection<T>(options: ReplicateOptions<T>): CollectionReplication<T> {
  const { name, api } = options;
  const stream$ = new Subject<RxReplicationPullStreamItem<T, Checkpoint>>();
  // The server's documents carry exactly the shared schema's fields; anything
  // else is dropped so that it can never be pushed back (the server's zod
  // schemas are strict and would refuse the whole batch).
  const known = new Set([...Object.keys(options.collection.schema.jsonSchema.properties), '_deleted']);
  const pick = (doc: WithDeleted<T>): WithDeleted<T> =>
    Object.fromEntries(Object.entries(doc).filter(([k]) => known.has(k))) as WithDeleted<T>;

  let failures = 0;
  let state: RxReplicationState<T, Checkpoint> | null = null;
  const call = async <R>(request: () => Promise<R>): Promise<R> => {
    try {
      const result = await request();
      failures = 0;
      if (state) state.retryTime = RETRY_BASE_MS;
      return result;
    } catch (error) {
      failures++;
      if (state) state.retryTime = retryDelay(failures);
      options.onFailure(error);
      throw error;
    }
  };

  state = replicateRxCollection<T, Checkpoint>({
    replicationIdentifier: options.identifier,
    collection: options.collection,
    live: true,
    retryTime: RETRY_BASE_MS,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: BATCH_SIZE,
      stream$: stream$.asObservable(),
      modifier: pick,
      handler: (checkpoint, batchSize) =>
        call(async () => {
          const pullOnce = async (from: Checkpoint | undefined, limit: number) => {
            const query = new URLSearchParams({ limit: String(limit) });
            if (from) {
              query.set('xid', from.xid);
              query.set('seq', from.seq);
            }
            const response = await api.get<PullResponse<WithDeleted<T>>>(`/sync/${name}/pull`, query);
            return { documents: response.documents, checkpoint: response.checkpoint ?? from };
          };
          const limit = Math.min(batchSize, MAX_BATCH);
          return options.screen ? pullScreened(pullOnce, options.screen, checkpoint, limit) : pullOnce(checkpoint, limit);
        }),
    },
    ...(options.push
      ? {
          push: {
            batchSize: BATCH_SIZE,
            handler: (rows) =>
              call(async () => {
                const body: Array<PushRow<WithDeleted<T>>> = rows.map((r) => ({
                  assumedMasterState: r.assumedMasterState ?? null,
                  newDocumentState: r.newDocumentState,
                }));
                const post = async (batch: Array<PushRow<WithDeleted<T>>>): Promise<Array<WithDeleted<T>>> =>
                  (await api.post<PushResponse<WithDeleted<T>>>(`/sync/${name}/push`, batch)).conflicts.map(pick);
                return options.pushRows ? options.pushRows(body, post) : post(body);
              }),
          },
        }
      : {}),
  });
  return { name, state, stream$ };
}

type PullBatch<D> = { documents: D[]; checkpoint: Checkpoint | undefined };

/**
 * Pulls until `limit` documents passed the screen or the server has no more.
 * RxDB ends a pull round at the first batch shorter than the batch size and
 * does not store the checkpoint of an empty batch; dropping documents from
 * a single server batch would therefore stop the round early (later valid
 * documents not pulled until the next round). Refused documents at the very
 * end of the feed are pulled again next round and refused again.
 */
export async function pullScreened<D>(
  pullOnce: (from: Checkpoint | undefined, limit: number) => Promise<PullBatch<D>>,
  screen: (docs: D[]) => Promise<D[]>,
  from: Checkpoint | undefined,
  limit: number,
): Promise<PullBatch<D>> {
  const documents: D[] = [];
  let checkpoint = from;
  for (;;) {
    const want = limit - documents.length;
    const batch = await pullOnce(checkpoint, want);
    checkpoint = batch.checkpoint;
    documents.push(...(await screen(batch.documents)));
    if (documents.length >= limit || batch.documents.length < want) return { documents, checkpoint };
  }
}
