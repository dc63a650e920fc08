import fc from 'fast-check';
import { PAYMENT_METHODS, type Payment, type PaymentKind, type PaymentMethod } from '../../src/shared/payment';
import { SCHEMES, type Scheme } from '../../src/shared/policy/schemes';
import { formatReceiptNumber } from '../../src/shared/receipts/receipt-number';
import type { CloseoutRecord, CloseoutTotals } from '../../src/shared/records';

export const SCOPE = { stationId: 'ST-HX01', staffId: 'S-WANG' } as const;
export const PERSON = `p${'0a'.repeat(16)}`;

/** A ULID-shaped id from a number (digits are valid Crockford base-32). */
export const ulidOf = (n: number): string => `01JB${String(n).padStart(22, '0')}`;

export const receiptNo = (serial: number, deviceNo = 1): string => formatReceiptNumber({ stationCode: 'HX01', deviceNo, year: 2025, serial });

export interface PaymentSpec {
  readonly n: number;
  readonly kind: PaymentKind;
  readonly createdAt: string;
  readonly paidFen?: number;
  readonly method?: PaymentMethod | null;
  readonly channel?: 'window' | 'declared';
  readonly scheme?: Scheme;
  readonly serial?: number | null;
  readonly staffId?: string;
  readonly stationId?: string;
}

/** A payment record valid under paymentSchema, shaped as the repositories write each kind. */
export function makePayment(s: PaymentSpec): Payment {
  const money = s.kind === 'contribution' || s.kind === 'top_up' || s.kind === 'reversal' || s.kind === 'refund';
  const paid = money ? (s.paidFen ?? 102_480) : 0;
  const channel = s.kind === 'contribution' || s.kind === 'top_up' ? (s.channel ?? 'window') : 'window';
  const takes = s.kind === 'contribution' || s.kind === 'top_up';
  const line = {
    packVersion: '2025.1', fromMonth: '2025-04', toMonth: '2025-04', months: 1, baseFen: null, rate: null, gradeId: null,
    totalFen: paid, personalAccountFen: paid, pooledFen: 0, subsidyFen: 0, personFen: paid, dueNowFen: paid, subsidyPayment: null,
  } as const;
  const corrects = s.kind === 'reversal' || s.kind === 'refund';
  const hasReceipt = (takes && channel === 'window') || s.kind === 'void_receipt';
  return {
    id: ulidOf(s.n),
    kind: s.kind,
    personId: PERSON,
    scheme: s.scheme ?? 'employee_pension',
    regionCode: '120000',
    fromMonth: money ? '2025-04' : null,
    toMonth: money ? '2025-04' : null,
    lines: money ? [line] : [],
    totalFen: paid,
    paidFen: paid,
    method: takes && channel === 'declared' ? null : s.kind === 'void_receipt' || s.kind === 'confirmation' ? null : s.method === undefined ? 'cash' : s.method,
    channel,
    receiptNo: hasReceipt ? receiptNo(s.serial ?? s.n + 1) : null,
    refId: corrects || s.kind === 'top_up' || s.kind === 'confirmation' ? ulidOf(999_999) : null,
    reason: corrects || s.kind === 'void_receipt' ? '原因' : null,
    approvedBy: corrects ? 'S-LI' : null,
    stationId: s.stationId ?? SCOPE.stationId,
    deviceId: 'DEV-1',
    staffId: s.staffId ?? SCOPE.staffId,
    createdAt: s.createdAt,
    _deleted: false,
  };
}

/** A close-out record as the repository writes it. */
export function makeCloseout(n: number, day: string, paymentIds: readonly string[], totals: CloseoutTotals, at = `${day}T12:00:00.000Z`): CloseoutRecord {
  return {
    id: ulidOf(500_000 + n), kind: 'closeout', stationId: SCOPE.stationId, deviceId: 'DEV-1', staffId: SCOPE.staffId,
    createdAt: at, _deleted: false, day, paymentIds: [...paymentIds], totals,
  };
}

// Five China days around 2025-03-01, with instants near China midnight (16:00Z) on purpose.
const START = Date.parse('2025-02-27T10:00:00.000Z');
const SPAN_MS = 5 * 86_400_000;

const kindArb = fc.constantFrom<PaymentKind>('contribution', 'contribution', 'contribution', 'top_up', 'reversal', 'refund', 'void_receipt', 'confirmation');

/** Specs without ids; attach them with withIds (ids unique across a run). */
export const specArb = fc.record({
  kind: kindArb,
  at: fc.integer({ min: 0, max: SPAN_MS }),
  paidFen: fc.integer({ min: 0, max: 5_000_000 }),
  method: fc.option(fc.constantFrom(...PAYMENT_METHODS), { freq: 8 }),
  channel: fc.constantFrom<'window' | 'declared'>('window', 'window', 'window', 'declared'),
  scheme: fc.constantFrom(...SCHEMES),
  serial: fc.integer({ min: 1, max: 999 }),
  deviceNo: fc.integer({ min: 1, max: 3 }),
  staffId: fc.constantFrom(SCOPE.staffId, SCOPE.staffId, SCOPE.staffId, 'S-LI'),
  stationId: fc.constantFrom(SCOPE.stationId, SCOPE.stationId, SCOPE.stationId, 'ST-XQ01'),
});
export type GenSpec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

export function withIds(specs: readonly GenSpec[], firstN: number): Payment[] {
  return specs.map((g, i) => {
    const p = makePayment({
      n: firstN + i, kind: g.kind, createdAt: new Date(START + g.at).toISOString(), paidFen: g.paidFen,
      method: g.kind === 'contribution' || g.kind === 'top_up' ? (g.method ?? 'cash') : g.method, channel: g.channel,
      scheme: g.scheme, serial: g.serial, staffId: g.staffId, stationId: g.stationId,
    });
    return p.receiptNo === null ? p : { ...p, receiptNo: receiptNo(g.serial, g.deviceNo) };
  });
}
