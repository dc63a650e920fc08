import type { FastifyBaseLogger } from 'fastify';
import { canonicalJson } from '../../shared/policy/canonical-json';
import type { Payment } from '../../shared/payment';
import { parseReceiptNumber } from '../../shared/receipts/receipt-number';
import { jsonParam, type Queryable } from '../db/sql-db';
import { ApiHttpError } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { isSerialLeased } from '../receipts/receipt-blocks';
import { insertDocIfAbsent, logRejection, type WrittenDoc } from './docs-store';
import type { PushOutcome } from './push-persons';
import { paymentError, receiptNoOf, type PaymentIssue } from './validate-payments';

/** Canonical JSON equality: key order never makes two equal payments differ. */
const samePayment = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

async function storedPayments(q: Queryable, ids: readonly string[]): Promise<Map<string, { cityId: string; data: Payment }>> {
  const rows = await q.query<{ id: string; city_id: string; data: Payment }>(
    `SELECT id, city_id, data FROM docs
      WHERE collection = 'payments' AND id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonParam(ids)],
  );
  return new Map(rows.map((r) => [r.id, { cityId: r.city_id, data: r.data }]));
}

/** Id of the record that already uses this receipt number, if any. */
async function receiptHolder(q: Queryable, receiptNo: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM docs WHERE receipt_no = $1', [receiptNo]);
  return rows[0]?.id ?? null;
}

/** PostgreSQL unique violation on the receipt index: a concurrent push took the number first. */
function isReceiptRace(e: unknown): boolean {
  const x = e as { code?: unknown; constraint?: unknown; message?: unknown };
  return x.code === '23505' && (x.constraint === 'docs_receipt_no_uq' || String(x.message).includes('docs_receipt_no_uq'));
}

/**
 * Applies validated payments inside the caller's transaction (ADR 011).
 * Payments are immutable: an absent id is inserted, an identical retry is
 * a no-op, and the same id with other content is never written — the
 * stored payment goes back in `conflicts` and the attempt is logged and
 * kept in push_rejections. A new payment's receipt number must lie in a
 * block leased to the device and be unused city-wide, else the whole batch
 * is refused (checked before anything is written).
 */
export async function applyPaymentRows(
  q: Queryable,
  device: DeviceContext,
  payments: readonly Payment[],
  log: FastifyBaseLogger,
): Promise<PushOutcome<Payment>> {
  const stored = await storedPayments(q, payments.map((p) => p.id));
  const issues: PaymentIssue[] = [];
  const batchReceipts = new Map<string, string>();
  for (const [row, p] of payments.entries()) {
    const s = stored.get(p.id);
    if (s && s.cityId !== device.cityId) throw new ApiHttpError(403, 'scope.forbidden', 'Payment belongs to another city.');
    const receiptNo = receiptNoOf(p);
    if (s || receiptNo === null) continue; // a stored id is never rewritten, so its receipt is not re-checked
    const field = 'newDocumentState.receiptNo';
    const parts = parseReceiptNumber(receiptNo);
    if (!parts.ok || !(await isSerialLeased(q, device.deviceId, parts.value.year, parts.value.serial))) {
      issues.push({ row, field, message: 'receipt.notLeased' });
      continue;
    }
    const holder = batchReceipts.get(receiptNo) ?? (await receiptHolder(q, receiptNo));
    if (holder !== null && holder !== p.id) issues.push({ row, field, message: 'receipt.duplicate', params: { usedBy: holder } });
    else batchReceipts.set(receiptNo, p.id);
  }
  if (issues.length > 0) throw paymentError(issues);

  const conflicts: Payment[] = [];
  const written: WrittenDoc[] = [];
  for (const p of payments) {
    let inserted: WrittenDoc | null;
    try {
      inserted = await insertDocIfAbsent(q, { collection: 'payments', id: p.id, cityId: device.cityId, stationId: p.stationId, data: p, receiptNo: receiptNoOf(p) });
    } catch (e) {
      if (isReceiptRace(e)) throw paymentError([{ field: 'newDocumentState.receiptNo', message: 'receipt.duplicate' }]);
      throw e;
    }
    if (inserted) {
      written.push(inserted);
      continue;
    }
    // Stored before this batch, earlier in it, or by a concurrent push of the same id.
    const now = stored.get(p.id)?.data ?? (await storedPayments(q, [p.id])).get(p.id)?.data;
    if (!now) throw new Error(`payment ${p.id} vanished inside its transaction`);
    if (samePayment(now, p)) continue; // idempotent retry
    log.error({ paymentId: p.id, deviceId: device.deviceId }, 'payment id reused with different content; not overwritten');
    await logRejection(q, { deviceId: device.deviceId, collection: 'payments', docId: p.id, reason: 'payment.idConflict', payload: p });
    conflicts.push(now);
  }
  return { conflicts, written };
}
