/**
 * Transfer-in (转移接续, issue 4 §4, ADR 018) and the person's stored contribution history
 * (deemed years, transferred months): the UI ⇄ data-layer contract. The rules are pure
 * (src/shared/transfer-in); this is how the UI records, decides and reads them.
 */
import type { Observable } from 'rxjs';
import type { HistoryRecord, TransferDocument, TransferInRecord, TransferOutcome, TransferResultRecord, TransferScheme } from '../../shared/records';
import type { StoredHistory, TransferView } from '../../shared/transfer-in';

export type { HistoryRecord, TransferDocument, TransferInRecord, TransferOutcome, TransferResultRecord, TransferScheme } from '../../shared/records';
export type { PooledFundCheck, StoredHistory, TemporaryAccountFlag, TransferStatus, TransferView } from '../../shared/transfer-in';

/** What the clerk copies from the transferring office's papers. Amounts in fen, months 'YYYY-MM'. */
export interface TransferInInput {
  readonly personId: string;
  readonly scheme: TransferScheme;
  /** 6-digit GB/T 2260 code, or null when only the institution is known. */
  readonly fromRegionCode: string | null;
  readonly fromInstitution: string;
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly monthsPaid: number;
  readonly deemedMonths: number;
  /** Sum of the monthly bases of the paid months since 1998-01 (for the 12% check). */
  readonly baseTotalFen: number;
  readonly personalAccountFen: number;
  readonly pooledFundFen: number;
  readonly documents: readonly TransferDocument[];
  readonly note: string;
}

export interface TransferDecisionInput {
  readonly personId: string;
  readonly transferId: string;
  readonly outcome: TransferOutcome;
  /** Required for a rejection. */
  readonly reason: string | null;
}

export interface TransferRow extends TransferView {
  /** Name of the staff member who registered it (their id when this device does not know them). */
  readonly staffName: string;
  readonly decidedBy: string | null;
  /** The centre refused the transfer record or holds another under its id (errors.<code>), else null. */
  readonly refusal: string | null;
}

export interface PersonTransfers {
  /** Newest registration first. */
  readonly transfers: readonly TransferRow[];
  /** What the options screen prefills (deemed months, transferred months and money). */
  readonly stored: StoredHistory;
}

export interface TransferInRepository {
  /**
   * Stores an immutable transfer_in record (in transit). Codes: operator.missing,
   * device.notEnrolled, person.notFound, field.required/field.invalid/month.format {field},
   * transfer.monthOrder, transfer.monthsPaid, transfer.futureMonth.
   */
  record(input: TransferInInput): Promise<TransferInRecord>;
  /**
   * Confirms or rejects a transfer (a transfer_result record). Confirming makes the scheme's
   * enrolment active from the current month (data.enrolments.setStatus) unless it already is.
   * Codes: transfer.notFound, transfer.decided {status}, field.required {field: 'reason'}, and the
   * enrolment codes (enrolment.closed, enrolment.exclusive {other}, …) when it cannot become active.
   */
  decide(input: TransferDecisionInput): Promise<TransferResultRecord>;
  /** Records the person's deemed months (视同缴费年限) from the archive; the latest record counts. */
  setDeemedMonths(personId: string, deemedMonths: number, note: string): Promise<HistoryRecord>;
  /** The person's transfers and stored history; emits again on every local or synced record. */
  forPerson(personId: string): Observable<PersonTransfers>;
}
