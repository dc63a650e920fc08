/**
 * Enrolment (参保登记 and status changes, issue 3 §2): the UI ⇄ data-layer
 * contract. The status rule is pure (src/shared/enrolment-status.ts); this
 * is how the UI reads a person's status per scheme and records a change.
 */
import type { Observable } from 'rxjs';
import type { SchemeEnrolment } from '../../shared/enrolment-status';
import type { Scheme } from '../../shared/policy/schemes';
import type { EnrolmentRecord, EnrolmentStatus } from '../../shared/records';

export type { SchemeEnrolment, SchemeStatus } from '../../shared/enrolment-status';

/** What the clerk enters: the new status of one scheme from a month on. */
export interface StatusChangeInput {
  readonly personId: string;
  readonly scheme: Scheme;
  readonly status: EnrolmentStatus;
  /** 'YYYY-MM', first month the status applies to. */
  readonly effectiveMonth: string;
  /** Required for every status but active (where to for a transfer, why for a suspension…). */
  readonly reason: string | null;
}

/** One record as the history table shows it: who wrote it and where, resolved to names when known. */
export interface EnrolmentHistoryRow {
  readonly record: EnrolmentRecord;
  /** The staff member's name, or their id when this device does not know them (another station's staff). */
  readonly staffName: string;
  /** The station's name when it is this device's station, else null (the UI shows the id). */
  readonly stationName: string | null;
  /** The centre refused this record or holds another under its id (code maps to errors.<code>), else null. */
  readonly refusal: string | null;
}

export interface PersonEnrolments {
  /** The month the views are computed for (the current China month). */
  readonly month: string;
  /** One view per scheme, in SCHEMES order. */
  readonly schemes: readonly SchemeEnrolment[];
  /** Every enrolment record of the person, newest first (reverse timeline order), with names. */
  readonly history: readonly EnrolmentHistoryRow[];
  /** The raw records (for monthsNotActive and other pure helpers). */
  readonly records: readonly EnrolmentRecord[];
}

export interface EnrolmentRepository {
  /**
   * Checks the change against the person's records (checkStatusChange), then
   * stores an immutable enrolment record and an audit event. Codes:
   * operator.missing, device.notEnrolled, person.notFound, month.format,
   * field.required {field}, enrolment.notEnrolled, enrolment.closed,
   * enrolment.sameStatus, enrolment.monthOrder {latest}, enrolment.transition
   * {from, to}, enrolment.exclusive {other}, enrolment.futureMonth {max}.
   */
  setStatus(input: StatusChangeInput): Promise<EnrolmentRecord>;
  /** The person's status per scheme and history; emits again on every new record (local or synced). */
  forPerson(personId: string): Observable<PersonEnrolments>;
}
