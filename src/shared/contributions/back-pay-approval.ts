import { compareMonths, type Month } from '../months';

/**
 * Reviewer approval of a back-payment (补缴, issue 4 §3; ADR 017). Paying
 * past months adds contribution years after the fact, so, like a reversal or
 * refund (ADR 013), a second staff member of the station with the reviewer
 * role approves it, never the clerk who takes the money. The device checks
 * it against the staff list it was enrolled with; the centre checks it again
 * against its staff table when the payment is pushed.
 */
export const BACK_PAY_APPROVAL_CODES = ['payment.backPayApproval', 'payment.backPaySelfApproval', 'payment.backPayApproverNotReviewer'] as const;
export type BackPayApprovalCode = (typeof BACK_PAY_APPROVAL_CODES)[number];

/**
 * Why the approval is not valid, or null when it is. `reviewerIds` are the
 * reviewers of the station the payment is taken at.
 */
export function backPayApprovalProblem(
  approvedBy: string | null | undefined,
  clerkId: string,
  reviewerIds: ReadonlySet<string>,
): BackPayApprovalCode | null {
  if (approvedBy === null || approvedBy === undefined || approvedBy === '') return 'payment.backPayApproval';
  if (approvedBy === clerkId) return 'payment.backPaySelfApproval';
  if (!reviewerIds.has(approvedBy)) return 'payment.backPayApproverNotReviewer';
  return null;
}

/**
 * Whether a contribution over a span ending in `toMonth`, taken in
 * `currentMonth` (China time), is a back-payment (补缴, issue 4 §3): every
 * month of it is already past. It is then judged by the pack's backPayment
 * rule and needs a reviewer's approval even when the span is also an allowed
 * payment period (one month, a quarter that has ended): otherwise a clerk
 * could pay last year's December as "monthly" where only same-year
 * back-payment is allowed. Employee schemes only: the calculator has no
 * back-payment rule for residents' yearly schemes. Same on the device and at
 * the centre.
 */
export function isBackPaySpan(scheme: string, toMonth: Month, currentMonth: Month): boolean {
  return (scheme === 'employee_pension' || scheme === 'employee_medical') && compareMonths(toMonth, currentMonth) < 0;
}
