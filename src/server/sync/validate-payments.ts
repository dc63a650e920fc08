import { paymentSchema, type Payment } from '../../shared/payment';
import { parseReceiptNumber } from '../../shared/receipts/receipt-number';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError, zodIssues, type FieldIssue } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { verifiedPacksOf } from '../policy/verified-packs';
import { checkContribution, checkTopUp } from './payment-amounts';
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
 */
export async function checkPaymentAmounts(q: Queryable, payments: readonly Payment[]): Promise<void> {
  const packsByRegion = new Map<string, Awaited<ReturnType<typeof verifiedPacksOf>>>();
  const issues: PaymentIssue[] = [];
  for (const [row, p] of payments.entries()) {
    if (p.kind !== 'contribution' && p.kind !== 'top_up') continue;
    let packs = packsByRegion.get(p.regionCode);
    if (!packs) {
      packs = await verifiedPacksOf(q, p.regionCode);
      packsByRegion.set(p.regionCode, packs);
    }
    const problem = p.kind === 'contribution' ? checkContribution(p, packs) : checkTopUp(p, packs);
    if (problem) issues.push({ row, field: 'newDocumentState.lines', ...problem });
  }
  if (issues.length > 0) throw paymentError(issues);
}
