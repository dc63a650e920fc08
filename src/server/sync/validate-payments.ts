import { paymentSchema, type Payment } from '../../shared/payment';
import { parseReceiptNumber } from '../../shared/receipts/receipt-number';
import { backPayApprovalProblem } from '../../shared/contributions/back-pay-approval';
import { jsonParam, type Queryable } from '../db/sql-db';
import { ApiHttpError, zodIssues, type FieldIssue } from '../http/api-error';
import { listStaff, type DeviceContext } from '../org/org-store';
import { verifiedPacksOf } from '../policy/verified-packs';
import { judgeContribution, checkTopUp } from './payment-amounts';
import { envelopes } from './validate-push';

/** A refused row: the rule code in `message`, plus what the client needs to show it (params, expected vs got lines). */
export type PaymentIssue = FieldIssue & { readonly params?: unknown; readonly expected?: unknown; readonly got?: unknown };

/** Kinds that use up a receipt number: it must be leased to the device and used once city-wide. */
export const RECEIPT_KINDS: ReadonlySet<Payment['kind']> = new Set(['contribution', 'top_up', 'void_receipt']);

/** The receipt number a payment uses up, or null (declarations, reversals, refunds, confirmations). */
export const receiptNoOf = (p: Payment): string | null => (RECEIPT_KINDS.has(p.kind) ? p.receiptNo : null);

/**
 * One error for the whole batch (nothing is stored): the code of the first
 * refused row, so the device shows the most specific message; schema
 * failures are 'payment.invalid'. Every refused row is in the details.
 */
export function paymentError(issues: readonly PaymentIssue[], schemaFailed = false): ApiHttpError {
  const first = issues[0];
  const code = schemaFailed || !first ? 'payment.invalid' : first.message;
  const status = code === 'scope.forbidden' ? 403 : 422;
  return new ApiHttpError(status, code, 'Payment(s) refused; nothing was stored.', issues.slice(0, 50));
}

export interface PaymentPushContext {
  readonly device: DeviceContext;
  /** Code of the device's station, as written in its receipt numbers. */
  readonly stationCode: string;
}

/**
 * Checks that need no database: the shared paymentSchema, that the device
 * writes for itself only (station and device ids), that confirmations come
 * from the centre, and that a receipt number is well-formed and carries the
 * device's own station code and number.
 */
export function validatePaymentPush(body: unknown, ctx: PaymentPushContext): Payment[] {
  const issues: PaymentIssue[] = [];
  const out: Payment[] = [];
  let schemaFailed = false;
  for (const [row, { next }] of envelopes(body).entries()) {
    const n = paymentSchema.safeParse(next);
    if (!n.success) {
      schemaFailed = true;
      issues.push(...zodIssues(n.error, 'newDocumentState', row));
      continue;
    }
    const p = n.data;
    const at = (field: string, message: string): void => {
      issues.push({ row, field: `newDocumentState.${field}`, message });
    };
    if (p.stationId !== ctx.device.stationId) at('stationId', 'scope.forbidden');
    if (p.deviceId !== ctx.device.deviceId) at('deviceId', 'scope.forbidden');
    if (p.kind === 'confirmation') at('kind', 'payment.confirmationFromDevice');
    if (p.kind === 'void_receipt' && p.receiptNo === null) at('receiptNo', 'payment.receipt');
    const receiptNo = receiptNoOf(p);
    if (receiptNo !== null) {
      const r = parseReceiptNumber(receiptNo);
      if (!r.ok) at('receiptNo', r.code);
      // Only the canonical spelling is stored, so the unique index sees every use of a number.
      else if (r.value.formatted !== receiptNo) at('receiptNo', 'receipt.format');
      else if (r.value.stationCode !== ctx.stationCode || r.value.deviceNo !== ctx.device.deviceNo) at('receiptNo', 'receipt.notLeased');
    }
    out.push(p);
  }
  if (issues.length > 0) throw paymentError(issues, schemaFailed);
  return out;
}

/**
 * Recomputes the money of every contribution and 补差 with the region's
 * verified packs (ADR 011): a device with a bug cannot store a wrong amount.
 * A contribution judged a back-payment (补缴) must carry the approval of a
 * reviewer of its station other than the clerk (ADR 017); the station is the
 * pushing device's (validatePaymentPush checked stationId).
 */
export async function checkPaymentAmounts(q: Queryable, payments: readonly Payment[]): Promise<void> {
  const packsByRegion = new Map<string, Awaited<ReturnType<typeof verifiedPacksOf>>>();
  const issues: PaymentIssue[] = [];
  const approvals: Array<{ row: number; p: Payment }> = [];
  for (const [row, p] of payments.entries()) {
    if (p.kind !== 'contribution' && p.kind !== 'top_up') continue;
    let packs = packsByRegion.get(p.regionCode);
    if (!packs) {
      packs = await verifiedPacksOf(q, p.regionCode);
      packsByRegion.set(p.regionCode, packs);
    }
    if (p.kind === 'top_up') {
      const problem = checkTopUp(p, packs);
      if (problem) issues.push({ row, field: 'newDocumentState.lines', ...problem });
      continue;
    }
    const { problem, backPayment } = judgeContribution(p, packs);
    if (problem) issues.push({ row, field: 'newDocumentState.lines', ...problem });
    else if (backPayment) approvals.push({ row, p });
  }
  issues.push(...(await backPayApprovalIssues(q, approvals)));
  if (issues.length > 0) throw paymentError(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
}

/**
 * Back-payments whose approver is missing, the clerk, or no reviewer of the station, as 422 rows
 * ('payment.backPayApproval' with the precise rule in params.why). A retry of a payment already
 * stored is not judged again: a reviewer who lost the role since must not make the retry fail.
 */
async function backPayApprovalIssues(q: Queryable, approvals: ReadonlyArray<{ row: number; p: Payment }>): Promise<PaymentIssue[]> {
  if (approvals.length === 0) return [];
  const reviewersByStation = new Map<string, Set<string>>();
  const bad: Array<{ row: number; id: string; why: string }> = [];
  for (const { row, p } of approvals) {
    let reviewers = reviewersByStation.get(p.stationId);
    if (!reviewers) {
      reviewers = new Set((await listStaff(q, p.stationId)).filter((s) => s.reviewer).map((s) => s.id));
      reviewersByStation.set(p.stationId, reviewers);
    }
    const why = backPayApprovalProblem(p.approvedBy, p.staffId, reviewers);
    if (why !== null) bad.push({ row, id: p.id, why });
  }
  if (bad.length === 0) return [];
  const stored = await q.query<{ id: string }>(
    "SELECT id FROM docs WHERE collection = 'payments' AND id IN (SELECT jsonb_array_elements_text($1::text::jsonb))",
    [jsonParam(bad.map((b) => b.id))],
  );
  const known = new Set(stored.map((r) => r.id));
  return bad
    .filter((b) => !known.has(b.id))
    .map((b) => ({ row: b.row, field: 'newDocumentState.approvedBy', message: 'payment.backPayApproval', params: { why: b.why } }));
}
