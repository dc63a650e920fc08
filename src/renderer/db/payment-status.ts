import { correctedState } from '../../shared/corrections/correction-effects';
import type { Payment } from '../../shared/payment';
import type { PaymentRejection, PaymentStatus, PaymentView } from '../data/contract';

/**
 * A payment's state is derived from the records around it, never stored on
 * it (payments are immutable, src/shared/payment.ts): a centre refusal or a
 * replaced document from the rejections, a confirmation record pointing at a
 * declaration, a void record for a spoiled number, a reversal or refund
 * pointing at it (src/shared/corrections; one the centre refused does not count).
 */
export function paymentStatus(payment: Payment, related: readonly Payment[], rejections: readonly PaymentRejection[]): PaymentView {
  const rejection = rejections.find((r) => r.paymentId === payment.id) ?? null;
  const refused = new Set(rejections.filter((r) => r.reason === 'refused').map((r) => r.paymentId));
  const corrected = payment.kind === 'contribution' || payment.kind === 'top_up' ? correctedState(payment.id, related.filter((p) => !refused.has(p.id))) : null;
  let status: PaymentStatus;
  if (rejection) status = rejection.reason === 'refused' ? 'refused' : 'rejected';
  else if (payment.kind === 'void_receipt') status = 'voided';
  else if (corrected) status = corrected.state;
  else if (payment.channel === 'declared') {
    status = related.some((p) => p.kind === 'confirmation' && p.refId === payment.id) ? 'confirmed' : 'awaitingConfirmation';
  } else status = 'recorded';
  return { payment, status, rejection };
}
