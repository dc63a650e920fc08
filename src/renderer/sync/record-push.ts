import type { WithDeleted } from 'rxdb';
import { nowIso } from '../../shared/ids';
import { recordSchema, type WindowRecord } from '../../shared/records';
import type { PushRow } from '../../shared/sync-protocol';
import type { ShebaoDatabase } from '../db/database';
import { noteRecordRejections, type RecordRejection } from '../db/record-store';
import type { RecordDoc } from '../db/schemas/record-schema';
import { SyncHttpError } from './http-client';
import { contentOf, pushIsolating } from './push-isolating';

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
    const conflicts = await pushIsolating(rows, post, isRefusal, (row, error) => {
      rejections.push({ recordId: row.newDocumentState.id, reason: 'refused', code: error.code, local: asRecord(row.newDocumentState), at: nowIso() });
    });
    for (const c of conflicts) {
      const mine = rows.find((r) => r.newDocumentState.id === c.id);
      if (mine && contentOf(mine.newDocumentState) !== contentOf(c)) {
        rejections.push({ recordId: c.id, reason: 'conflict', code: 'record.conflict', local: asRecord(mine.newDocumentState), at: nowIso() });
      }
    }
    if (rejections.length > 0) await noteRecordRejections(db, rejections);
    return conflicts;
  };
}

