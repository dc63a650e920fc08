import { isCorrection } from '../../shared/corrections/correction-effects';
import { correctionProblem } from '../../shared/corrections/correction-rules';
import type { Payment } from '../../shared/payment';
import { jsonParam, type Queryable } from '../db/sql-db';
import type { DeviceContext } from '../org/org-store';
import { listStaff } from '../org/org-store';
import { paymentError, type PaymentIssue } from './validate-payments';

/** Kinds the correction rules read: what claims months and what cancels it (plus 补差, which can be reversed). */
const RELEVANT_KINDS = ['contribution', 'top_up', 'reversal', 'refund'];

/**
 * Stored payments of the city that the correction rules read: those of the
 * given persons (the rules compare records of one person) and the given ids
 * (a correction naming another person's record must find it to be told it
 * does not match). `null` persons: the whole city (the double-coverage list).
 */
export async function cityPaymentsOf(q: Queryable, cityId: string, personIds: readonly string[] | null, ids: readonly string[] = []): Promise<Payment[]> {
  const rows = await q.query<{ data: Payment }>(
    `SELECT data FROM docs
      WHERE collection = 'payments' AND city_id = $1
        AND data->>'kind' IN (SELECT jsonb_array_elements_text($2::text::jsonb))
        AND ($3::text IS NULL
          OR data->>'personId' IN (SELECT jsonb_array_elements_text($3::text::jsonb))
          OR id IN (SELECT jsonb_array_elements_text($4::text::jsonb)))
      ORDER BY xid, seq`,
    [cityId, jsonParam(RELEVANT_KINDS), personIds === null ? null : jsonParam(personIds), jsonParam(ids)],
  );
  return rows.map((r) => r.data);
}

async function storedIds(q: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    "SELECT id FROM docs WHERE collection = 'payments' AND id IN (SELECT jsonb_array_elements_text($1::text::jsonb))",
    [jsonParam(ids)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The centre's checks on pushed reversals and refunds (issue 3 §5, §7;
 * ADR 013), run inside the push transaction before anything is written:
 *
 * - the approver is a reviewer of the pushing device's station (staff table);
 * - the shared rules (correctionProblem): the original exists in the city or
 *   earlier in the same batch, the correction repeats it exactly, it is the
 *   only correction of that record, and a refund returns a record of an open
 *   double-coverage case.
 *
 * Two stations correcting records of the same person at the same moment are
 * serialised by a transaction-level advisory lock per person: the second
 * waits, then sees the first one's committed record (READ COMMITTED takes a
 * new snapshot per statement) and is refused with payment.alreadyCorrected or
 * payment.notDouble. A correction already stored under the same id (a retry)
 * is left to applyPaymentRows (no-op or id conflict). Throws the batch's 422.
 */
export async function checkPaymentCorrections(q: Queryable, device: DeviceContext, payments: readonly Payment[]): Promise<void> {
  const corrections = payments.filter(isCorrection);
  if (corrections.length === 0) return;
  const already = await storedIds(q, corrections.map((p) => p.id));
  const fresh = corrections.filter((p) => !already.has(p.id));
  if (fresh.length === 0) return;

  const personIds = [...new Set(fresh.map((p) => p.personId))].sort();
  // Sorted, so two batches touching the same persons take the locks in the same order (no deadlock).
  for (const personId of personIds) {
    await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`corrections:${device.cityId}:${personId}`]);
  }
  const stored = await cityPaymentsOf(q, device.cityId, personIds, fresh.map((p) => p.refId));
  const reviewers = new Set((await listStaff(q, device.stationId)).filter((s) => s.reviewer).map((s) => s.id));

  const issues: PaymentIssue[] = [];
  for (const [row, p] of payments.entries()) {
    if (!isCorrection(p) || already.has(p.id)) continue;
    if (p.approvedBy === null || !reviewers.has(p.approvedBy)) {
      issues.push({ row, field: 'newDocumentState.approvedBy', message: 'payment.approverNotReviewer' });
      continue;
    }
    const earlier = payments.slice(0, row).filter((x) => x.personId === p.personId);
    const problem = correctionProblem(p, [...stored, ...earlier]);
    if (problem) issues.push({ row, field: 'newDocumentState.refId', message: problem.code, ...(problem.params ? { params: problem.params } : {}) });
  }
  if (issues.length > 0) throw paymentError(issues);
}
