import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCloseoutRepository } from '../../src/renderer/db/closeout-repository';
import { receiptYear } from '../../src/renderer/db/receipt-stock';
import { chinaDay, nextDay } from '../../src/shared/closeout/closeout-days';
import { todayInChina } from '../../src/shared/id-number';
import { newId } from '../../src/shared/ids';
import { closeoutRecordSchema } from '../../src/shared/records';
import { formatReceiptNumber } from '../../src/shared/receipts/receipt-number';
import { closedAfterEach, dataError, SESSION, STAFF } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter, type PaymentStore } from './payment-fixtures';
import { testNow } from './test-clock';

async function openCloseoutStore() {
  const t: PaymentStore = await openPaymentStore();
  const closeouts = createCloseoutRepository({
    store: t.store,
    session: () => t.session,
    operator: () => t.operator,
    localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
  });
  return Object.assign(t, { closeouts });
}
const store = closedAfterEach(openCloseoutStore);

const receipt = (serial: number): string => formatReceiptNumber({ stationCode: SESSION.stationCode, deviceNo: SESSION.deviceNo, year: receiptYear(testNow()), serial });

describe('daily close-out', () => {
  it('totals the day (2 methods + a void), closes it, and a payment after the close falls on the next day', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const cash = await t.payments.take(pensionQuarter(t.personId, { method: 'cash' }));
    const mobile = await t.payments.take(pensionQuarter(t.personId, { method: 'mobile', fromMonth: '2025-07', toMonth: '2025-09', baseFen: 600_000 }));
    const voided = await t.payments.voidReceipt(receipt(3), '打印卡纸', { personId: t.personId, scheme: 'employee_pension' });
    // Another clerk's payment at the same station is not in 王芳's day.
    t.operator = STAFF[1]!;
    const others = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-10', toMonth: '2025-12' }));
    t.operator = STAFF[0]!;
    const day = chinaDay(cash.createdAt);

    const open = await t.closeouts.preview(day);
    expect(open.closeout).toBeNull();
    expect(open.staff.id).toBe(STAFF[0]!.id);
    expect(open.records.map((p) => p.id)).toEqual([cash.id, mobile.id, voided.id]);
    expect(open.records.map((p) => p.id)).not.toContain(others.id);
    // 3 × 20% × 5124 = 3074.40 and 3 × 20% × 6000 = 3600.00 yuan.
    expect(open.totals).toEqual({
      takenFen: cash.paidFen + mobile.paidFen,
      returnedFen: 0,
      byMethod: [
        { method: 'cash', count: 1, takenFen: 307_440, returnedFen: 0 },
        { method: 'mobile', count: 1, takenFen: 360_000, returnedFen: 0 },
      ],
      byScheme: [{ scheme: 'employee_pension', count: 2, takenFen: 667_440, returnedFen: 0 }],
      declaredCount: 0,
      declaredFen: 0,
      receiptFrom: receipt(1),
      receiptTo: receipt(3),
      voidedReceipts: [receipt(3)],
      reversalIds: [],
      refundIds: [],
    });

    const closed = await t.closeouts.close(day);
    expect(closeoutRecordSchema.parse(closed)).toEqual(closed);
    expect(closed).toMatchObject({ kind: 'closeout', day, staffId: STAFF[0]!.id, stationId: SESSION.stationId, deviceId: SESSION.deviceId, paymentIds: [cash.id, mobile.id, voided.id] });
    expect(closed.totals).toEqual(open.totals);
    expect((await t.store.records.findOne(closed.id).exec())?.toMutableJSON()).toEqual((({ _deleted: _d, ...rest }) => rest)(closed));
    expect(t.writes.filter((w) => w.collection === 'records').map((w) => w.id)).toEqual([closed.id]);
    expect((await firstValueFrom(t.closeouts.list$)).map((c) => c.id)).toEqual([closed.id]);

    // Work after the close is counted on the next day; the closed day's set and totals do not move.
    const after = await t.payments.take(pensionQuarter(t.personId, { method: 'bank_card', fromMonth: '2026-01', toMonth: '2026-03' }));
    const closedView = await t.closeouts.preview(day);
    expect(closedView.closeout?.id).toBe(closed.id);
    expect(closedView.records.map((p) => p.id)).toEqual([cash.id, mobile.id, voided.id]);
    expect(closedView.totals).toEqual(open.totals);
    const next = await t.closeouts.preview(nextDay(day));
    expect(next.records.map((p) => p.id)).toEqual([after.id]);
    expect(next.totals).toMatchObject({ takenFen: after.paidFen, byMethod: [{ method: 'bank_card', count: 1, takenFen: after.paidFen, returnedFen: 0 }], receiptFrom: after.receiptNo, receiptTo: after.receiptNo });

    // A record of the closed day that arrives later (synced from another device of the station) also falls on the next day.
    const { _deleted: _d, ...late } = { ...cash, id: newId(), deviceId: 'DEV-2', receiptNo: formatReceiptNumber({ stationCode: SESSION.stationCode, deviceNo: 2, year: receiptYear(testNow()), serial: 1 }) };
    await t.store.payments.insert(late);
    expect((await t.closeouts.preview(day)).records.map((p) => p.id)).toEqual([cash.id, mobile.id, voided.id]);
    // Write order: the late record carries the earlier createdAt.
    expect((await t.closeouts.preview(nextDay(day))).records.map((p) => p.id)).toEqual([late.id, after.id]);
  });

  it('the live view follows new payments until the day is closed', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const today = todayInChina();
    const seen: number[] = [];
    const sub = t.closeouts.observe(today).subscribe((d) => seen.push(d.records.length));
    const p = await t.payments.take(pensionQuarter(t.personId));
    await expect.poll(() => seen[seen.length - 1]).toBe(chinaDay(p.createdAt) === today ? 1 : 0);
    sub.unsubscribe();
  });

  it('refuses a second close of the day, a future day, a malformed day and no operator; nothing stored', async () => {
    const t = await store();
    const today = todayInChina();
    expect((await dataError(t.closeouts.close(nextDay(today)))).code).toBe('closeout.futureDay');
    expect((await dataError(t.closeouts.close('2025-13-01'))).code).toBe('date.format');
    t.operator = null;
    expect((await dataError(t.closeouts.close(today))).code).toBe('operator.missing');
    expect((await dataError(t.closeouts.preview(today))).code).toBe('operator.missing');
    expect(await t.store.records.count().exec()).toBe(0);
    t.operator = STAFF[0]!;
    // An empty day can be closed (the clerk took nothing): a zero close-out.
    const [first, second] = await Promise.allSettled([t.closeouts.close(today), t.closeouts.close(today)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && (second.reason as { code?: string }).code).toBe('closeout.alreadyClosed');
    expect(await t.store.records.count().exec()).toBe(1);
    // Another clerk's day is their own.
    t.operator = STAFF[1]!;
    expect((await t.closeouts.preview(today)).closeout).toBeNull();
    await t.closeouts.close(today);
    expect((await firstValueFrom(t.closeouts.list$)).map((c) => c.staffId).sort()).toEqual([STAFF[1]!.id, STAFF[0]!.id].sort());
  });
});
