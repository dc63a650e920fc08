import type { Payment } from '../payment';

/** Records that cancel another one (refId) with a reason and a reviewer's approval. */
export const CORRECTION_KINDS = ['reversal', 'refund'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** What a correction can point at: money taken (a contribution or a 补差). */
export const CORRECTABLE_KINDS: ReadonlySet<Payment['kind']> = new Set(['contribution', 'top_up']);

export const isCorrection = (p: Payment): p is Payment & { kind: CorrectionKind; refId: string } =>
  (p.kind === 'reversal' || p.kind === 'refund') && p.refId !== null;

/** reversed: cancelled by a 冲正; refunded: returned as a 退费 of a double payment. */
export type CorrectedState = 'reversed' | 'refunded';

export const stateOfCorrection = (kind: CorrectionKind): CorrectedState => (kind === 'reversal' ? 'reversed' : 'refunded');

/** Earlier first: device clock, then the ULID (made at the same moment, so a stable tie-break). */
export const byCreation = (a: Payment, b: Payment): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The correction in effect for each corrected record, by the corrected
 * record's id. One correction per record at most: the centre refuses a
 * second one (payment.alreadyCorrected), but a device may briefly hold two
 * (its own, not yet pushed, and one pulled from another station); the
 * earlier one is taken so every device decides the same way. Corrections
 * that point at something other than a contribution or 补差 in `payments`
 * have no effect.
 */
export function correctionsByTarget(payments: readonly Payment[]): Map<string, Payment & { kind: CorrectionKind; refId: string }> {
  const byId = new Map(payments.map((p) => [p.id, p]));
  const out = new Map<string, Payment & { kind: CorrectionKind; refId: string }>();
  for (const c of [...payments].filter(isCorrection).sort(byCreation)) {
    const target = byId.get(c.refId);
    if (!target || !CORRECTABLE_KINDS.has(target.kind) || out.has(c.refId)) continue;
    out.set(c.refId, c);
  }
  return out;
}

/** The corrected state of one record among its related records, or null while it stands. */
export function correctedState(paymentId: string, related: readonly Payment[]): { state: CorrectedState; by: Payment } | null {
  const c = correctionsByTarget(related).get(paymentId);
  return c ? { state: stateOfCorrection(c.kind), by: c } : null;
}
