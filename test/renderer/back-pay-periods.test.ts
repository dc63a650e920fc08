import { describe, expect, it } from 'vitest';
import { closedAfterEach, dataError } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter, type PaymentStore } from './payment-fixtures';
import { clockFrom } from './test-clock';

/**
 * A span wholly before the current month is a back-payment (补缴) even when it
 * is also an allowed payment period (issue 4 §3, ADR 017): judged by the pack's
 * backPayment rule (Tianjin: this year only) and approved by a reviewer. The
 * store takes payments on 2025-04-15 (test-clock.ts); 王芳 (S-WANG) is the
 * operator, 李强 (S-LI) reviews.
 */
const store = closedAfterEach(openPaymentStore);
// Mid-quarter: May 2025, when April is past but the second quarter is not over.
const inMay = closedAfterEach(() => openPaymentStore(clockFrom('2025-05-15T04:00:00.000Z')));

async function expectBackPayment(t: PaymentStore, span: { fromMonth: string; toMonth: string }, channel: 'window' | 'declared' = 'window'): Promise<void> {
  const input = pensionQuarter(t.personId, { ...span, ...(channel === 'declared' ? { channel, method: null } : {}) });
  expect(await t.payments.preview(input)).toMatchObject({ ok: true, preview: { backPayment: true } });
  expect((await dataError(t.payments.take(input))).code).toBe('payment.backPayApproval');
  expect(await t.store.payments.count().exec()).toBe(0);
  const p = await t.payments.take({ ...input, approvedBy: 'S-LI' });
  expect({ approvedBy: p.approvedBy, fromMonth: p.fromMonth, toMonth: p.toMonth, channel: p.channel }).toEqual({ approvedBy: 'S-LI', ...span, channel });
  expect(await t.store.payments.count().exec()).toBe(1);
}

describe('a past allowed period is a back-payment', () => {
  it('a past single month (monthly) needs a reviewer', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    await expectBackPayment(t, { fromMonth: '2025-03', toMonth: '2025-03' });
  });

  it('a past calendar quarter needs a reviewer', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    await expectBackPayment(t, { fromMonth: '2025-01', toMonth: '2025-03' });
  });

  it('a declaration (代扣申报) of past months needs a reviewer too', async () => {
    const t = await store();
    await expectBackPayment(t, { fromMonth: '2025-02', toMonth: '2025-02' }, 'declared');
  });

  it('refuses a past period outside the pack\'s window with the rule named, even approved; nothing stored', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    // Tianjin 2025.1 allows back-payment within the current year only: last December and last quarter are out.
    for (const span of [{ fromMonth: '2024-12', toMonth: '2024-12' }, { fromMonth: '2024-10', toMonth: '2024-12' }]) {
      const input = pensionQuarter(t.personId, { ...span, approvedBy: 'S-LI' });
      const e = await dataError(t.payments.take(input));
      expect({ code: e.code, params: e.params }).toMatchObject({ code: 'backPay.tooOld', params: { month: span.fromMonth } });
      expect(await t.payments.preview(input)).toMatchObject({ ok: false, code: 'backPay.tooOld' });
    }
    expect(await t.store.payments.count().exec()).toBe(0);
    expect(await t.store.audit.find({ selector: { action: 'payment' } }).exec()).toHaveLength(0);
  });
});

describe('a span that reaches the current month stays regular', () => {
  it('the current quarter, with a past month of it, needs no approval', async () => {
    const t = await inMay();
    await leaseBlocks(t, [[1, 200]]);
    const input = pensionQuarter(t.personId, { fromMonth: '2025-04', toMonth: '2025-06' });
    expect(await t.payments.preview(input)).toMatchObject({ ok: true, preview: { backPayment: false } });
    const p = await t.payments.take(input);
    expect(p.approvedBy).toBeNull();
  });

  it('past and current months that are no payment period stay a frequency error, not a back-payment', async () => {
    const t = await inMay();
    const r = await t.payments.preview(pensionQuarter(t.personId, { fromMonth: '2025-04', toMonth: '2025-05', approvedBy: 'S-LI' }));
    expect(r).toMatchObject({ ok: false, code: 'months.frequency' });
  });
});
