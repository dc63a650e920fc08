/**
 * Daily close-out (日结, issue 3 §9): the UI ⇄ data-layer contract. The
 * rule of which record falls on which day and the totals are pure
 * (src/shared/closeout); this is how the UI reads and closes a day.
 */
import type { Observable } from 'rxjs';
import type { Payment } from '../../shared/payment';
import type { CloseoutRecord, CloseoutTotals } from '../../shared/records';
import type { StaffRef } from '../../shared/sync-protocol';

/** One staff member's working day as the close-out page shows it. */
export interface CloseoutDay {
  /** 'YYYY-MM-DD', China date. */
  readonly day: string;
  readonly staff: StaffRef;
  /**
   * The records that fall on the day, in write order. For a closed day:
   * the listed records this device holds (a record closed on another
   * device may not have synced here yet; the totals are the frozen ones).
   */
  readonly records: readonly Payment[];
  /** Live sums for an open day; what the close-out froze for a closed one. */
  readonly totals: CloseoutTotals;
  /** The close-out of the day, null while open. (Should two offline devices both close it, the first written.) */
  readonly closeout: CloseoutRecord | null;
}

export interface CloseoutRepository {
  /** The current operator's day. Codes: 'operator.missing', 'device.notEnrolled', 'date.format'. */
  preview(day: string): Promise<CloseoutDay>;
  /** The same, kept current as records are written or synced (the operator is read at subscription). */
  observe(day: string): Observable<CloseoutDay>;
  /**
   * Closes the current operator's day: writes a close-out record listing
   * every record that falls on it with the totals. Refuses with
   * 'closeout.alreadyClosed' (this staff member closed it already),
   * 'closeout.futureDay' (after today, China time), 'operator.missing'.
   * Records written later fall on the next open day.
   */
  close(day: string): Promise<CloseoutRecord>;
  /** Close-outs of this station (every staff member), newest day first. */
  readonly list$: Observable<CloseoutRecord[]>;
}
