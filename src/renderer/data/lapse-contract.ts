/**
 * Lapsed insurance (断缴, issue 4 §1–§2): the worklist, the contact log and
 * follow-ups. Detection is pure (src/shared/lapse); this is how the UI reads
 * the station's worklist and records an outreach contact.
 */
import type { Observable } from 'rxjs';
import type { LapseRow } from '../../shared/lapse';
import type { ContactChannel, ContactOutcome, ContactRecord } from '../../shared/records';

export type { AgeBand, LapseCounts, LapseFilter, LapseRow, LapseSort, LapseSortKey, PersonLapse, SchemeLapse } from '../../shared/lapse';
export type { ContactChannel, ContactOutcome, ContactRecord } from '../../shared/records';

export interface LapseWorklist {
  /** The month lapses are computed for (the current China month). */
  readonly month: string;
  /** Everyone of this station with a lapse (registered here, or with an enrolment or contact written here). */
  readonly rows: readonly LapseRow[];
  /** Each listed person's latest contact, by person id. */
  readonly lastContact: ReadonlyMap<string, ContactRecord>;
}

export interface ContactInput {
  readonly personId: string;
  readonly channel: ContactChannel;
  readonly outcome: ContactOutcome;
  readonly note: string;
  /** YYYY-MM-DD (China day), not before today; null when no follow-up is planned. */
  readonly followUpDate: string | null;
}

export interface ContactView {
  readonly record: ContactRecord;
  /** The staff member's name, or their id when this device does not know them. */
  readonly staffName: string;
}

/** A follow-up due today or overdue, with who to call. */
export interface DueFollowUp {
  readonly contact: ContactRecord;
  readonly name: string;
  readonly phone: string;
  readonly overdue: boolean;
}

export interface LapseRepository {
  /**
   * The station's worklist, computed in one pass over all enrolment records
   * and payments (no per-person queries); emits again after every local or
   * synced change (debounced).
   */
  worklist(): Observable<LapseWorklist>;
  /**
   * Stores an immutable contact record (records collection, kind 'contact').
   * Codes: operator.missing, device.notEnrolled, person.notFound,
   * field.invalid/date.format {field}, contact.followUpPast.
   */
  logContact(input: ContactInput): Promise<ContactRecord>;
  /** A person's contacts, newest first. */
  contactsFor(personId: string): Observable<ContactView[]>;
  /** Follow-ups due today or overdue (this station's people), oldest date first. */
  dueFollowUps(): Observable<DueFollowUp[]>;
}
