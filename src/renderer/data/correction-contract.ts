/**
 * Corrections (冲正) and double coverage (重复缴费 → 退费), issue 3 §5 and §7:
 * the part of the UI ⇄ data-layer contract for them (DataApi.corrections).
 */
import type { Observable } from 'rxjs';
import type { CoverageCase } from '../../shared/corrections/double-coverage';
import type { Payment, PaymentMethod } from '../../shared/payment';

export interface CorrectionInput {
  /** The contribution or 补差 to cancel. */
  readonly paymentId: string;
  /** Required (field.required {field: 'reason'}). */
  readonly reason: string;
  /**
   * Staff id of the reviewer (复核) who approves: a staff member of this
   * station with the reviewer flag, not the operator. Empty string when
   * none was chosen (payment.approverRequired).
   */
  readonly approvedBy: string;
  /** How the money goes back to the person. */
  readonly method: PaymentMethod;
}

/** A double-coverage case with the person's name when the device holds the person. */
export interface CoverageCaseView extends CoverageCase {
  readonly personName: string | null;
}

/**
 * Writes reversals and refunds and reports double coverage. Error codes
 * (DataError, errors.<code>): field.required {field: 'reason'},
 * payment.approverRequired, payment.approverNotReviewer, payment.selfApproval,
 * payment.notCorrectable, payment.refNotFound, payment.alreadyCorrected,
 * payment.notDouble, operator.missing, device.notEnrolled, db.*.
 */
export interface CorrectionRepository {
  /** 冲正: a reversal record cancelling the whole payment (any contribution or 补差 not yet corrected). */
  reverse(input: CorrectionInput): Promise<Payment>;
  /** 退费: a refund record returning a payment that is in an open double-coverage case. */
  refund(input: CorrectionInput): Promise<Payment>;
  /**
   * Open double-coverage cases among every payment the device holds (every
   * device pulls all payments of its city), by person. Payments the centre
   * refused are left out: they never happened.
   */
  readonly doubleCoverage$: Observable<CoverageCaseView[]>;
  /** Cases already settled by a refund or reversal, newest first. */
  readonly settledCoverage$: Observable<CoverageCaseView[]>;
  /** The person's cases, open and settled (the person page's warning). */
  forPerson(personId: string): Observable<CoverageCaseView[]>;
  /** The reversal or refund in effect for a payment, or null. */
  correctionOf(paymentId: string): Observable<Payment | null>;
}
