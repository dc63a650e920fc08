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
