import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CorrectionInput } from '../../src/renderer/data/correction-contract';
import { createCorrectionRepository } from '../../src/renderer/db/correction-repository';
import { LOCAL_DOC, writeLocal } from '../../src/renderer/db/local-state';
import { newId } from '../../src/shared/ids';
import { paymentSchema, type Payment } from '../../src/shared/payment';
import { closedAfterEach, dataError, SESSION, STAFF } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter, type PaymentStore } from './payment-fixtures';

const CLERK = STAFF[0]!; // 王芳, the operator
const REVIEWER = STAFF[1]!; // 李强, reviewer

async function open() {
  const t = await openPaymentStore();
  await leaseBlocks(t, [[1, 200]]);
  const corrections = createCorrectionRepository({
    store: t.store, session: () => t.session, operator: () => t.operator,
    localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
  });
  return Object.assign(t, { corrections });
}
const store = closedAfterEach(open);

const input = (paymentId: string, patch: Partial<CorrectionInput> = {}): CorrectionInput => ({
  paymentId, reason: '收错险种', approvedBy: REVIEWER.id, method: 'cash', ...patch,
});

/** The same quarter paid at another station (as if pulled after sync). */
async function pulledFromOtherStation(t: PaymentStore, original: Payment): Promise<Payment> {
  const other: Payment = {
    ...original, id: newId(), stationId: 'ST-XQ01', deviceId: 'DEV-9', staffId: 'S-CHEN', receiptNo: 'XQ01012025000017',
    createdAt: new Date(Date.parse(original.createdAt) + 60_000).toISOString(),
  };
  const { _deleted: _d, ...doc } = other;
  await t.store.payments.insert(doc);
  return other;
}

describe('reverse (冲正)', () => {
  it('needs a reason and a reviewer other than the operator, and stores nothing until it has them', async () => {
    const t = await store();
    const p = await t.payments.take(pensionQuarter(t.personId));
    expect((await dataError(t.corrections.reverse(input(p.id, { reason: '  ' })))).params).toEqual({ field: 'reason' });
    expect((await dataError(t.corrections.reverse(input(p.id, { approvedBy: '' })))).code).toBe('payment.approverRequired');
    expect((await dataError(t.corrections.reverse(input(p.id, { approvedBy: CLERK.id })))).code).toBe('payment.selfApproval');
    t.operator = REVIEWER;
    expect((await dataError(t.corrections.reverse(input(p.id, { approvedBy: REVIEWER.id })))).code).toBe('payment.selfApproval');
    expect((await dataError(t.corrections.reverse(input(p.id, { approvedBy: CLERK.id })))).code).toBe('payment.approverNotReviewer');
    expect((await dataError(t.corrections.reverse(input(p.id, { approvedBy: 'S-ELSEWHERE' })))).code).toBe('payment.approverNotReviewer');
    expect(await t.store.payments.count().exec()).toBe(1);
  });

  it('writes a reversal repeating the original, marks it 已冲正, and refuses a second correction', async () => {
    const t = await store();
    const p = await t.payments.take(pensionQuarter(t.personId));
    const r = await t.corrections.reverse(input(p.id, { method: 'bank_card' }));
    expect(paymentSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      kind: 'reversal', refId: p.id, lines: p.lines, totalFen: p.totalFen, paidFen: p.paidFen, receiptNo: null, method: 'bank_card',
      approvedBy: REVIEWER.id, staffId: CLERK.id, stationId: SESSION.stationId, reason: '收错险种',
    });
    expect((await t.payments.get(p.id))?.status).toBe('reversed');
    expect(await firstValueFrom(t.corrections.correctionOf(p.id))).toEqual(r);
    const views = await firstValueFrom(t.payments.forPerson(t.personId));
    expect(Object.fromEntries(views.map((v) => [v.payment.kind, v.status]))).toEqual({ contribution: 'reversed', reversal: 'recorded' });
    expect(t.writes.map((w) => w.collection)).toContain('audit');

    expect((await dataError(t.corrections.reverse(input(p.id)))).code).toBe('payment.alreadyCorrected');
    expect((await dataError(t.corrections.reverse(input(r.id)))).code).toBe('payment.notCorrectable');
    expect((await dataError(t.corrections.reverse(input('01JZ0000000000000000000000')))).code).toBe('payment.refNotFound');
  });

  it('does not count a reversal the centre refused', async () => {
    const t = await store();
    const p = await t.payments.take(pensionQuarter(t.personId));
    const r = await t.corrections.reverse(input(p.id));
    await writeLocal(t.store.db, LOCAL_DOC.paymentRejections, {
      rejections: [{ paymentId: r.id, reason: 'refused', code: 'payment.alreadyCorrected', local: r, at: new Date().toISOString() }],
    });
    expect((await t.payments.get(p.id))?.status).toBe('recorded');
    expect((await t.payments.get(r.id))?.status).toBe('refused');
    expect(await firstValueFrom(t.corrections.correctionOf(p.id))).toBeNull();
  });
});

describe('double coverage and refund (退费)', () => {
  it('lists the case, refunds only a record of an open case, and then shows it settled', async () => {
    const t = await store();
    const p = await t.payments.take(pensionQuarter(t.personId));
    expect((await dataError(t.corrections.refund(input(p.id, { reason: '重复缴费' })))).code).toBe('payment.notDouble');
    expect(await firstValueFrom(t.corrections.doubleCoverage$)).toEqual([]);

    const other = await pulledFromOtherStation(t, p);
    const [open] = await firstValueFrom(t.corrections.doubleCoverage$.pipe(filter((c) => c.length > 0)));
    expect(open).toMatchObject({ id: `${p.id}:${other.id}`, personName: '张伟', months: ['2025-04', '2025-05', '2025-06'], refundCandidateId: other.id, settled: false });
    expect(await firstValueFrom(t.corrections.forPerson(t.personId))).toHaveLength(1);

    const refund = await t.corrections.refund(input(other.id, { reason: '重复缴费' }));
    expect(refund).toMatchObject({ kind: 'refund', refId: other.id, paidFen: other.paidFen });
    expect(await firstValueFrom(t.corrections.doubleCoverage$.pipe(filter((c) => c.length === 0)))).toEqual([]);
    const [settled] = await firstValueFrom(t.corrections.settledCoverage$);
    expect(settled?.records[1].correction).toEqual({ state: 'refunded', paymentId: refund.id });
    expect((await t.payments.get(other.id))?.status).toBe('refunded');
    expect((await t.payments.get(p.id))?.status).toBe('recorded');
    // The case is settled: the other record may no longer be refunded.
    expect((await dataError(t.corrections.refund(input(p.id, { reason: '重复缴费' })))).code).toBe('payment.notDouble');
  });

  it('leaves out payments the centre refused', async () => {
    const t = await store();
    const p = await t.payments.take(pensionQuarter(t.personId));
    const other = await pulledFromOtherStation(t, p);
    await firstValueFrom(t.corrections.doubleCoverage$.pipe(filter((c) => c.length === 1)));
    await writeLocal(t.store.db, LOCAL_DOC.paymentRejections, {
      rejections: [{ paymentId: p.id, reason: 'refused', code: 'receipt.notLeased', local: p, at: new Date().toISOString() }],
    });
    expect(await firstValueFrom(t.corrections.doubleCoverage$.pipe(filter((c) => c.length === 0)))).toEqual([]);
    expect((await dataError(t.corrections.refund(input(other.id)))).code).toBe('payment.notDouble');
  });
});
