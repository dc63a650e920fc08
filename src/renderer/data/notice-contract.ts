/**
 * Reminder notices issued (提醒通知书, issue 4 §2; DOMAIN.md §10 wants the count; ADR 017): the
 * UI ⇄ data-layer contract. A notice record is written when a batch is printed; the worklist
 * shows how many each person has had, the contact history lists them.
 */
import type { Observable } from 'rxjs';
import type { Scheme } from '../../shared/policy/schemes';
import type { NoticeRecord } from '../../shared/records';

export type { NoticeRecord } from '../../shared/records';

/** One person's notice as printed: the schemes it named and the gap on the day. */
export interface NoticeInput {
  readonly personId: string;
  readonly schemes: readonly Scheme[];
  readonly monthsUnpaid: number;
  readonly since: string;
}

export interface NoticeView {
  readonly record: NoticeRecord;
  /** The staff member's name, or their id when this device does not know them. */
  readonly staffName: string;
}

export interface NoticeRepository {
  /**
   * Stores one immutable notice record per person (records collection, kind 'notice'), all
   * checked before any is written. Codes: operator.missing, device.notEnrolled, person.notFound,
   * field.invalid / month.format {field}.
   */
  recordBatch(inputs: readonly NoticeInput[]): Promise<NoticeRecord[]>;
  /** Notices issued per person id (every station's, as synced); emits again on every new record. */
  counts(): Observable<ReadonlyMap<string, number>>;
  /** A person's notices, newest first. */
  forPerson(personId: string): Observable<NoticeView[]>;
}
