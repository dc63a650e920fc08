import type { Payment, PaymentLine } from '../../../src/shared/payment';
import { monthsInclusive } from '../../../src/shared/months';

export const PERSON_A = `p${'ab'.repeat(16)}`;
export const PERSON_B = `p${'cd'.repeat(16)}`;

/** A ULID-shaped id from a number (ordered like the number). */
export const idOf = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;

function line(from: string, to: string, monthly: number): PaymentLine {
  const months = monthsInclusive(from, to);
  const total = months * monthly;
  const personal = Math.round(total * 0.4);
  return {
    packVersion: '2025.1', fromMonth: from, toMonth: to, months, baseFen: 512_400, rate: { num: 1, den: 5 }, gradeId: null,
    totalFen: total, personalAccountFen: personal, pooledFen: total - personal, subsidyFen: 0, personFen: total, dueNowFen: total,
    subsidyPayment: null,
  };
}

/** A window contribution (or another kind) with sensible defaults; createdAt follows the id number. */
export function pay(n: number, patch: Partial<Payment> & { from?: string; to?: string } = {}): Payment {
  const { from = '2025-01', to = '2025-03', ...rest } = patch;
  const l = line(from, to, 102_480);
  return {
    id: idOf(n), kind: 'contribution', personId: PERSON_A, scheme: 'employee_pension', regionCode: '120000',
    fromMonth: from, toMonth: to, lines: [l], totalFen: l.totalFen, paidFen: l.dueNowFen, method: 'cash', channel: 'window',
    receiptNo: `HX01-01-2025-${String(n).padStart(6, '0')}`, refId: null, reason: null, approvedBy: null,
    stationId: 'ST-HX01', deviceId: 'DEV-1', staffId: 'S-WANG',
    createdAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(), _deleted: false,
    ...rest,
  };
}

/** A reversal or refund of `original`, as the device writes it. */
export function correct(n: number, original: Payment, kind: 'reversal' | 'refund' = 'refund', patch: Partial<Payment> = {}): Payment {
  return {
    ...original, id: idOf(n), kind, receiptNo: null, refId: original.id, reason: '重复缴费', approvedBy: 'S-LI', staffId: 'S-WANG',
    createdAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(), ...patch,
  };
}
