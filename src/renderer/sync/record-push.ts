import type { WithDeleted } from 'rxdb';
import { nowIso } from '../../shared/ids';
import { canonical } from '../../shared/merge';
import { recordSchema, type WindowRecord } from '../../shared/records';
import type { PushRow } from '../../shared/sync-protocol';
import type { ShebaoDatabase } from '../db/database';
import { noteRecordRejections, type RecordRejection } from '../db/record-store';
import type { RecordDoc } from '../db/schemas/record-schema';
import { SyncHttpError } from './http-client';

type Row = PushRow<WithDeleted<RecordDoc>>;
type Post = (batch: Row[]) => Promise<Array<WithDeleted<RecordDoc>>>;

/** Statuses that judge the record: the centre would refuse it again (like payments, sync/payment-push.ts). */
const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 403, 409, 422]);
/**
 * The person may simply not have reached the centre yet (persons replicate
 * separately): retried, never recorded as a refusal.
 */
const RETRIED_CODES: ReadonlySet<string> = new Set(['person.notFound']);
const isRefusal = (e: unknown): e is SyncHttpError =>
  e instanceof SyncHttpError && e.status !== null && REFUSAL_STATUSES.has(e.status) && !RETRIED_CODES.has(e.code);

function content(doc: object): string {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return canonical(rest);
}

function asRecord(doc: WithDeleted<RecordDoc>): WindowRecord {
  const parsed = recordSchema.safeParse({ ...doc, _deleted: false });
  return parsed.success ? parsed.data : ({ ...doc, _deleted: false } as WindowRecord);
}

export interface RecordPushOptions {
  /**
   * Resolves when this device's persons have been pushed: an enrolment
   * names a person the centre must already know (else 'person.notFound').
   */
  readonly personsPushed?: () => Promise<unknown>;
}

/**
 * The push handler for window records (replication.ts `pushRows`). A
 * refused batch is pushed again one record at a time, so one bad record
 * never holds back the others; a record refused on its own is kept in the
 * collection, noted in RECORD_REJECTIONS_DOC with the centre's code, and
 * counts as sent (a correction is a new record). A conflict means the
 * centre holds another record under that id: our version is noted before
 * the conflict handler (database.ts keepServerRecord) adopts the centre's.
 */
export function recordPushRows(db: ShebaoDatabase, options: RecordPushOptions = {}): (rows: Row[], post: Post) => Promise<Array<WithDeleted<RecordDoc>>> {
  return async (rows, post) => {
    await options.personsPushed?.();
    const rejections: RecordRejection[] = [];
    const conflicts = await pushIsolating(rows, post, (row, error) => {
      rejections.push({ recordId: row.newDocumentState.id, reason: 'refused', code: error.code, local: asRecord(row.newDocumentState), at: nowIso() });
    });
    for (const c of conflicts) {
      const mine = rows.find((r) => r.newDocumentState.id === c.id);
      if (mine && content(mine.newDocumentState) !== content(c)) {
        rejections.push({ recordId: c.id, reason: 'conflict', code: 'record.conflict', local: asRecord(mine.newDocumentState), at: nowIso() });
      }
    }
    if (rejections.length > 0) await noteRecordRejections(db, rejections);
    return conflicts;
  };
}

async function pushIsolating(rows: Row[], post: Post, refused: (row: Row, error: SyncHttpError) => void): Promise<Array<WithDeleted<RecordDoc>>> {
  try {
    return await post(rows);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const [only] = rows;
    if (rows.length === 1 && only) {
      refused(only, error);
      return [];
    }
    const conflicts: Array<WithDeleted<RecordDoc>> = [];
    let retry: Error | null = null;
    for (const row of rows) {
      try {
        conflicts.push(...(await pushIsolating([row], post, refused)));
      } catch (e) {
        // Push the rest first; then fail the batch so RxDB retries it (stored rows are no-ops then).
        retry ??= e instanceof Error ? e : new Error(String(e));
      }
    }
    if (retry !== null) throw retry;
    return conflicts;
  }
}
