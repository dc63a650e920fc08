import type { Payment } from '../../shared/payment';
import type { PaymentRejection, PaymentStatus, PaymentView } from '../data/contract';

/**
 * A payment's state is derived from the records around it, never stored on
 * it (payments are immutable, src/shared/payment.ts): a centre refusal or a
 * replaced document from the rejections, a confirmation record pointing at a
 * declaration, a void record for a spoiled number.
 */
export function paymentStatus(payment: Payment, related: readonly Payment[], rejections: readonly PaymentRejection[]): PaymentView {
  const rejection = rejections.find((r) => r.paymentId === payment.id) ?? null;
  let status: PaymentStatus;
  if (rejection) status = rejection.reason === 'refused' ? 'refused' : 'rejected';
  else if (payment.kind === 'void_receipt') status = 'voided';
  else if (payment.channel === 'declared') {
    status = related.some((p) => p.kind === 'confirmation' && p.refId === payment.id) ? 'confirmed' : 'awaitingConfirmation';
  } else status = 'recorded';
  return { payment, status, rejection };
}
