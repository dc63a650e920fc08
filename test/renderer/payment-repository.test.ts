import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { receiptYear } from '../../src/renderer/db/receipt-stock';
import { todayInChina } from '../../src/shared/id-number';
import { auditEventSchema } from '../../src/shared/audit';
import { paymentSchema } from '../../src/shared/payment';
import { formatReceiptNumber } from '../../src/shared/receipts/receipt-number';
import { closedAfterEach, dataError, SESSION, STAFF } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter } from './payment-fixtures';
import { clockFrom, testNow } from './test-clock';

const store = closedAfterEach(openPaymentStore);
const store2024 = closedAfterEach(() => openPaymentStore(clockFrom('2024-07-15T04:00:00.000Z')));


const receipt = (serial: number): string => formatReceiptNumber({ stationCode: SESSION.stationCode, deviceNo: SESSION.deviceNo, year: receiptYear(testNow()), serial });

describe('take a payment', () => {
  it('writes a valid immutable payment with the lowest free receipt number, and an audit event', async () => {
    const t = await store();
    await leaseBlocks(t, [[201, 400]]);
    const p = await t.payments.take(pensionQuarter(t.personId));
    expect(paymentSchema.parse(p)).toEqual(p);
    // Tianjin 2025.1: 20% of 5124 yuan × 3 months = 3074.40 yuan; 8% personal account, 12% pooled.
    expect(p).toMatchObject({
      kind: 'contribution', channel: 'window', method: 'cash', receiptNo: receipt(201), totalFen: 307440, paidFen: 307440,
      stationId: SESSION.stationId, deviceId: SESSION.deviceId, staffId: STAFF[0]!.id, regionCode: '120000',
    });
    expect(p.lines).toEqual([expect.objectContaining({ packVersion: '2025.1', months: 3, baseFen: 512400, personalAccountFen: 122976, pooledFen: 184464 })]);
    const second = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-07', toMonth: '2025-09' }));
    expect(second.receiptNo).toBe(receipt(202));

    const stored = await t.store.payments.findOne(p.id).exec();
    expect(stored?.toMutableJSON()).toEqual((({ _deleted: _d, ...rest }) => rest)(p));
    const events = await t.store.audit.find({ selector: { entityId: t.personId, action: 'payment' } }).exec();
    expect(events.map((e) => auditEventSchema.parse({ ...e.toMutableJSON(), _deleted: false }).fields[0]).sort()).toEqual([receipt(201), receipt(202)]);
    expect(t.writes.filter((w) => w.collection === 'payments').map((w) => w.id)).toEqual([p.id, second.id]);

    const views = await firstValueFrom(t.payments.forPerson(t.personId));
    expect(views.map((v) => [v.payment.id, v.status])).toEqual([[second.id, 'recorded'], [p.id, 'recorded']]);
  });

  it('splits a span across two packs into two lines naming each version', async () => {
    // Taken in July 2024, when its second half-year is no back-payment yet.
    const t = await store2024();
    await leaseBlocks(t, [[1, 200]]);
    const p = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2024-07', toMonth: '2024-12', baseFen: 520000 }));
    expect(p.lines.map((l) => l.packVersion)).toEqual(['2024.1']);
    const preview = await t.payments.preview(pensionQuarter(t.personId, { fromMonth: '2025-01', toMonth: '2025-12' }));
    expect(preview.ok && preview.preview.lines.map((l) => [l.packVersion, l.months])).toEqual([['2025.1', 12]]);
  });

  it('refuses a base below the floor with the floor, month and pack version, and stores nothing', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const input = pensionQuarter(t.personId, { baseFen: 500000 });
    const e = await dataError(t.payments.take(input));
    expect(e.code).toBe('base.belowFloor');
    expect(e.params).toMatchObject({ floorText: '5124.00', month: '2025-04', packVersion: '2025.1' });
    expect(await t.store.payments.count().exec()).toBe(0);
    expect(await t.store.audit.find({ selector: { action: 'payment' } }).exec()).toHaveLength(0);
    expect(await t.payments.preview(input)).toMatchObject({ ok: false, code: 'base.belowFloor', params: { floorText: '5124.00' } });
  });

  it('refuses a window payment when no receipt number is left, and stores nothing', async () => {
    const t = await store();
    expect((await dataError(t.payments.take(pensionQuarter(t.personId)))).code).toBe('receipt.exhausted');
    await leaseBlocks(t, [[1, 1]]);
    await t.payments.take(pensionQuarter(t.personId));
    expect((await dataError(t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-07', toMonth: '2025-09' })))).code).toBe('receipt.exhausted');
    expect(await t.store.payments.count().exec()).toBe(1);
    // A declaration needs no receipt number and is still possible.
    const declared = await t.payments.take(pensionQuarter(t.personId, { channel: 'declared', method: null, fromMonth: '2025-07', toMonth: '2025-09' }));
    expect(declared.receiptNo).toBeNull();
    expect((await t.payments.get(declared.id))?.status).toBe('awaitingConfirmation');
  });

  it('validates the input before computing (method required at the window, month format)', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    expect((await dataError(t.payments.take(pensionQuarter(t.personId, { method: null })))).code).toBe('payment.methodRequired');
    expect((await dataError(t.payments.take(pensionQuarter(t.personId, { toMonth: '2025-13' })))).code).toBe('month.format');
    // Two months are no payment period; ahead of today they cannot be a back-payment (补缴) either.
    const ahead = Number(todayInChina(testNow()).slice(0, 4)) + 1;
    expect((await dataError(t.payments.take(pensionQuarter(t.personId, { fromMonth: `${String(ahead)}-04`, toMonth: `${String(ahead)}-05` })))).code).toBe('months.frequency');
    expect(await t.store.payments.count().exec()).toBe(0);
  });

  it('gives two concurrent saves different receipt numbers', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const [a, b] = await Promise.all([
      t.payments.take(pensionQuarter(t.personId)),
      t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-07', toMonth: '2025-09' })),
    ]);
    expect(new Set([a.receiptNo, b.receiptNo])).toEqual(new Set([receipt(1), receipt(2)]));
  });
});

describe('receipt stock', () => {
  it('warns at 20% of the live blocks and counts voided numbers as used', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 10]]);
    for (let i = 0; i < 7; i++) await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-05', toMonth: '2025-05' }));
    let stock = await firstValueFrom(t.payments.receiptStock$);
    expect(stock).toMatchObject({ remaining: 3, liveCapacity: 10, warn: false, nextReceiptNo: receipt(8) });
    const voided = await t.payments.voidReceipt(receipt(8), '打印卡纸', { personId: t.personId, scheme: 'employee_pension' });
    expect(paymentSchema.parse(voided)).toMatchObject({ kind: 'void_receipt', receiptNo: receipt(8), totalFen: 0, reason: '打印卡纸' });
    stock = await firstValueFrom(t.payments.receiptStock$);
    expect(stock).toMatchObject({ remaining: 2, warn: true, nextReceiptNo: receipt(9) });
    expect((await dataError(t.payments.voidReceipt(receipt(8), 'again', { personId: t.personId, scheme: 'employee_pension' }))).code).toBe('receipt.inUse');
    expect((await dataError(t.payments.voidReceipt(receipt(50), 'x', { personId: t.personId, scheme: 'employee_pension' }))).code).toBe('receipt.notLeased');
    const p = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-06', toMonth: '2025-06' }));
    expect(p.receiptNo).toBe(receipt(9));
    expect((await t.payments.get(voided.id))?.status).toBe('voided');
  });

  it('counts prints so that the second print is a copy', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const p = await t.payments.take(pensionQuarter(t.personId));
    expect(await t.payments.printCount(p.id)).toBe(0);
    expect(await t.payments.recordPrint(p.id)).toBe(1);
    expect(await t.payments.recordPrint(p.id)).toBe(2);
    expect(await t.payments.printCount(p.id)).toBe(2);
  });
});
