import { map, type Observable } from 'rxjs';
import { recordSchema, type WindowRecord } from '../../shared/records';
import type { ShebaoDatabase } from './database';
import type { RepositoryDeps } from './repository-deps';
import type { RecordDoc } from './schemas/record-schema';
import { guardWrite } from './storage-errors';
import { parseOrThrow } from './validation';

/**
 * Writing and reading the `records` collection (window records, ADR 012),
 * shared by the enrolment and close-out repositories.
 */

/** Validates with the shared recordSchema (the server runs the same); DataError with the first issue's code. */
export const validateRecord = (candidate: unknown): WindowRecord => parseOrThrow(recordSchema, candidate);

/**
 * Validates and inserts one immutable record, and marks it pending for
 * sync (version = createdAt: a record is written once). Returns the
 * parsed record. Throws DataError (field codes, 'db.quota', 'db.write').
 */
export async function insertRecord(deps: Pick<RepositoryDeps, 'store' | 'localWrite'>, candidate: unknown): Promise<WindowRecord> {
  const record = validateRecord(candidate);
  const { _deleted: _d, ...doc } = record;
  await guardWrite(() => deps.store.records.insert(doc as RecordDoc));
  deps.localWrite('records', record.id, record.createdAt);
  return record;
}

/** A record the centre did not take as written (same meaning as PaymentRejection). */
export interface RecordRejection {
  readonly recordId: string;
  /** refused: the push got a 4xx with `code`; conflict: the centre holds another record under this id. */
  readonly reason: 'refused' | 'conflict';
  readonly code: string;
  /** This device's version. */
  readonly local: WindowRecord;
  readonly at: string;
}

interface RecordRejectionState {
  readonly rejections: RecordRejection[];
}

/** RxDB local document (not replicated, no collection) with the records the centre refused. */
export const RECORD_REJECTIONS_DOC = 'record-rejections';
export const MAX_RECORD_REJECTIONS = 200;

let writing: Promise<void> = Promise.resolve();

/** Adds entries (one per record and reason), newest first, capped. Writes run one after another. */
export function noteRecordRejections(db: ShebaoDatabase, entries: readonly RecordRejection[]): Promise<void> {
  const next = writing.catch(() => undefined).then(async () => {
    const doc = await db.getLocal<RecordRejectionState>(RECORD_REJECTIONS_DOC);
    const stored = doc ? (structuredClone(doc.toJSON().data.rejections) as RecordRejection[]) : [];
    const key = (r: RecordRejection): string => `${r.recordId}|${r.reason}`;
    const fresh = new Set(entries.map(key));
    const rejections = [...entries, ...stored.filter((r) => !fresh.has(key(r)))].slice(0, MAX_RECORD_REJECTIONS);
    await db.upsertLocal<RecordRejectionState>(RECORD_REJECTIONS_DOC, { rejections });
  });
  writing = next;
  return next;
}

/** The refused or replaced records, newest first. */
export function recordRejections$(db: ShebaoDatabase): Observable<RecordRejection[]> {
  return db
    .getLocal$<RecordRejectionState>(RECORD_REJECTIONS_DOC)
    .pipe(map((doc) => (doc ? (structuredClone(doc.toJSON().data.rejections) as RecordRejection[]) : [])));
}
