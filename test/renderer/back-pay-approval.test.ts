import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/id-number';
import { closedAfterEach, dataError, STAFF } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter } from './payment-fixtures';
import { testNow } from './test-clock';

const store = closedAfterEach(openPaymentStore);
const [year, month] = todayInChina(testNow()).split('-').map(Number) as [number, number];
const y = String(year);

/**
 * Back-payment (补缴) needs a reviewer's approval (issue 4 §3, ADR 017). The
 * fixture's operator is 王芳 (S-WANG, no reviewer); 李强 (S-LI) reviews.
 * Tianjin allows back-payment within the current year only, so two past
 * months of this year exist only from March on.
 */
describe.runIf(month >= 3)('back-payment approval at the window', () => {
  const backPay = (personId: string, approvedBy?: string | null) =>
    pensionQuarter(personId, { fromMonth: `${y}-01`, toMonth: `${y}-02`, ...(approvedBy === undefined ? {} : { approvedBy }) });

  it('refuses a back-payment without an approver, and stores nothing (no payment, no receipt number used)', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    for (const approvedBy of [undefined, null, '']) {
      const e = await dataError(t.payments.take(backPay(t.personId, approvedBy)));
      expect(e.code).toBe('payment.backPayApproval');
    }
    expect(await t.store.payments.count().exec()).toBe(0);
    // The first serial is still free: the refusal came before a number was taken.
    const p = await t.payments.take(backPay(t.personId, 'S-LI'));
    expect(p.receiptNo).toMatch(/-000001-[0-9A-Z]$/);
  });

  it('refuses approval by the operator themself, even when the operator is a reviewer', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    t.operator = STAFF[1] ?? null;
    const e = await dataError(t.payments.take(backPay(t.personId, 'S-LI')));
    expect(e.code).toBe('payment.backPaySelfApproval');
    expect(await t.store.payments.count().exec()).toBe(0);
  });

  it('refuses an approver who is no reviewer of the station, or unknown', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    t.operator = { id: 'S-ZHAO', name: '赵六', reviewer: false };
    for (const approvedBy of ['S-WANG', 'S-NOBODY']) {
      const e = await dataError(t.payments.take(backPay(t.personId, approvedBy)));
      expect(e.code).toBe('payment.backPayApproverNotReviewer');
    }
    expect(await t.store.payments.count().exec()).toBe(0);
  });

  it('stores the approving reviewer on the back-payment record', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const p = await t.payments.take(backPay(t.personId, 'S-LI'));
    expect({ kind: p.kind, staffId: p.staffId, approvedBy: p.approvedBy, fromMonth: p.fromMonth, toMonth: p.toMonth }).toEqual({
      kind: 'contribution', staffId: 'S-WANG', approvedBy: 'S-LI', fromMonth: `${y}-01`, toMonth: `${y}-02`,
    });
    expect((await t.store.payments.findOne(p.id).exec())?.approvedBy).toBe('S-LI');
  });
});

describe('approval on a regular payment', () => {
  it('needs none, and an approver sent along is not stored (nothing was approved)', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const plain = await t.payments.take(pensionQuarter(t.personId));
    expect(plain.approvedBy).toBeNull();
    const sent = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-07', toMonth: '2025-09', approvedBy: 'S-LI' }));
    expect(sent.approvedBy).toBeNull();
  });
});
