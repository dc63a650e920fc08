import { describe, expect, it } from 'vitest';
import { chinaDay, closedDaysOf, dayOfPayment, nextDay, paymentsByDay, paymentsOfDay } from '../../src/shared/closeout/closeout-days';
import { closeoutTotals, compareReceipts } from '../../src/shared/closeout/closeout-totals';
import { paymentSchema } from '../../src/shared/payment';
import { closeoutRecordSchema } from '../../src/shared/records';
import { makeCloseout, makePayment, receiptNo, SCOPE } from './closeout-fixtures';

describe('working days', () => {
  it('a record falls on the China date of its createdAt (UTC+8, midnight at 16:00Z)', () => {
    expect(chinaDay('2025-03-01T15:59:59.999Z')).toBe('2025-03-01');
    expect(chinaDay('2025-03-01T16:00:00.000Z')).toBe('2025-03-02');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
  });

  it('a record written after its day was closed falls on the next open day; listed records stay', () => {
    const a = makePayment({ n: 1, kind: 'contribution', createdAt: '2025-03-01T02:00:00.000Z' });
    const late = makePayment({ n: 2, kind: 'contribution', createdAt: '2025-03-01T09:00:00.000Z' });
    const monday = makeCloseout(1, '2025-03-01', [a.id], closeoutTotals([a]));
    const tuesday = makeCloseout(2, '2025-03-02', [], closeoutTotals([]));
    const closed = closedDaysOf([monday, tuesday], SCOPE);
    expect(dayOfPayment(a, closed)).toBe('2025-03-01');
    // 03-01 and 03-02 are both closed without it: it lands on 03-03.
    expect(dayOfPayment(late, closed)).toBe('2025-03-03');
    expect(paymentsOfDay([a, late], [monday, tuesday], SCOPE, '2025-03-01').map((p) => p.id)).toEqual([a.id]);
  });

  it('counts only the scope (staff at station) and never confirmations', () => {
    const at = '2025-03-01T02:00:00.000Z';
    const mine = makePayment({ n: 1, kind: 'contribution', createdAt: at });
    const other = makePayment({ n: 2, kind: 'contribution', createdAt: at, staffId: 'S-LI' });
    const elsewhere = makePayment({ n: 3, kind: 'contribution', createdAt: at, stationId: 'ST-XQ01' });
    const confirmation = makePayment({ n: 4, kind: 'confirmation', createdAt: at });
    expect([...paymentsByDay([mine, other, elsewhere, confirmation], [], SCOPE).values()].flat()).toEqual([mine]);
  });
});

describe('totals of a day', () => {
  const at = (h: number): string => `2025-03-01T0${String(h)}:00:00.000Z`;
  const day = [
    makePayment({ n: 1, kind: 'contribution', createdAt: at(1), paidFen: 102_480, method: 'cash', serial: 7 }),
    makePayment({ n: 2, kind: 'contribution', createdAt: at(2), paidFen: 30_000, method: 'mobile', scheme: 'residents_pension', serial: 9 }),
    makePayment({ n: 3, kind: 'void_receipt', createdAt: at(3), serial: 8 }),
    makePayment({ n: 4, kind: 'top_up', createdAt: at(4), paidFen: 1_000, method: 'cash', serial: 10 }),
    makePayment({ n: 5, kind: 'reversal', createdAt: at(5), paidFen: 30_000, method: 'mobile', scheme: 'residents_pension' }),
    makePayment({ n: 6, kind: 'refund', createdAt: at(6), paidFen: 102_480, method: null }),
    makePayment({ n: 7, kind: 'contribution', createdAt: at(7), paidFen: 50_000, channel: 'declared' }),
  ];

  it('every fixture record is a valid payment', () => {
    for (const p of day) expect(paymentSchema.parse(p)).toEqual(p);
  });

  it('sums taken and returned money by method and scheme, counts declarations apart, lists voids and corrections', () => {
    const t = closeoutTotals(day);
    expect(t).toEqual({
      takenFen: 133_480,
      returnedFen: 30_000,
      byMethod: [
        { method: 'cash', count: 2, takenFen: 103_480, returnedFen: 0 },
        { method: 'mobile', count: 2, takenFen: 30_000, returnedFen: 30_000 },
      ],
      byScheme: [
        { scheme: 'employee_pension', count: 2, takenFen: 103_480, returnedFen: 0 },
        { scheme: 'residents_pension', count: 2, takenFen: 30_000, returnedFen: 30_000 },
      ],
      declaredCount: 1,
      declaredFen: 50_000,
      receiptFrom: receiptNo(7),
      receiptTo: receiptNo(10),
      voidedReceipts: [receiptNo(8)],
      reversalIds: [day[4]!.id],
      refundIds: [day[5]!.id],
    });
    expect(closeoutRecordSchema.parse(makeCloseout(1, '2025-03-01', day.map((p) => p.id), t)).totals).toEqual(t);
  });

  it('an empty day has zero totals and no receipt range', () => {
    expect(closeoutTotals([])).toEqual({
      takenFen: 0, returnedFen: 0, byMethod: [], byScheme: [], declaredCount: 0, declaredFen: 0,
      receiptFrom: null, receiptTo: null, voidedReceipts: [], reversalIds: [], refundIds: [],
    });
  });

  it('orders receipt numbers by serial, not as text', () => {
    expect([receiptNo(100), receiptNo(99), receiptNo(5, 2), receiptNo(1000)].sort(compareReceipts)).toEqual([receiptNo(99), receiptNo(100), receiptNo(1000), receiptNo(5, 2)]);
  });
});
