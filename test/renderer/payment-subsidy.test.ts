import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/id-number';
import { closedAfterEach, dataError, personInput, residentId } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter } from './payment-fixtures';
import { testNow } from './test-clock';

const store = closedAfterEach(openPaymentStore);

/** A 4050 person: Tianjin's packs subsidise category hard_to_employ (assets/policy-packs/tianjin-2025.1.json). */
async function hardToEmploy(t: Awaited<ReturnType<typeof openPaymentStore>>): Promise<string> {
  const { person } = await t.persons.register(
    personInput(residentId('12010419700615201'), { name: '李四零', categories: [{ code: 'hard_to_employ', from: '2025-01-01', to: null }] }),
  );
  return person.id;
}

describe('employment subsidy (社保补贴) at the window', () => {
  it('takes only the person’s part when the subsidy is paid in advance, and stores the subsidy part', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const personId = await hardToEmploy(t);
    const p = await t.payments.take(pensionQuarter(personId, { subsidy: { category: 'hard_to_employ', startMonth: '2025-04' } }));
    // 20% of 5124 yuan × 3 = 3074.40 yuan; Tianjin 2025.1 subsidises 600 yuan a month of pension, in advance.
    expect([p.totalFen, p.paidFen]).toEqual([307440, 127440]);
    expect(p.lines).toEqual([expect.objectContaining({ subsidyFen: 180000, personFen: 127440, dueNowFen: 127440, subsidyPayment: 'advance' })]);
  });

  it('subsidises only the months inside the subsidy period (a second line for the rest)', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const personId = await hardToEmploy(t);
    // 36 months from 2022-06 end in 2025-05: April and May are subsidised, June is not.
    const preview = await t.payments.preview(pensionQuarter(personId, { subsidy: { category: 'hard_to_employ', startMonth: '2022-06' } }));
    expect(preview.ok && preview.preview.lines.map((l) => [l.fromMonth, l.toMonth, l.subsidyFen])).toEqual([
      ['2025-04', '2025-05', 120000],
      ['2025-06', '2025-06', 0],
    ]);
  });

  it('refuses a category the person does not hold, and stores nothing', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    const e = await dataError(t.payments.take(pensionQuarter(t.personId, { subsidy: { category: 'hard_to_employ', startMonth: '2025-04' } })));
    expect(e.code).toBe('subsidy.notHeld');
    expect(await t.store.payments.count().exec()).toBe(0);
  });

  it('refuses a subsidy on a residents’ scheme', async () => {
    const t = await store();
    const r = await t.payments.preview({ ...pensionQuarter(t.personId), scheme: 'residents_medical', baseFen: null, subsidy: { category: 'unemployed', startMonth: '2025-01' } });
    expect(r).toMatchObject({ ok: false, code: 'subsidy.scheme' });
  });
});

describe('back-payment (补缴) at the window', () => {
  const [year, month] = todayInChina(testNow()).split('-').map(Number) as [number, number];

  // Tianjin allows back-payment within the current year only; in January and February no two past months of this year exist.
  it.runIf(month >= 3)('treats a past span that is no payment period as a back-payment under the pack rule', async () => {
    const t = await store();
    await leaseBlocks(t, [[1, 200]]);
    // A back-payment needs a reviewer other than the operator (ADR 017; test/renderer/back-pay-approval.test.ts).
    const input = pensionQuarter(t.personId, { fromMonth: `${String(year)}-01`, toMonth: `${String(year)}-02`, approvedBy: 'S-LI' });
    const preview = await t.payments.preview(input);
    expect(preview).toMatchObject({ ok: true, preview: { backPayment: true } });
    const p = await t.payments.take(input);
    expect(p.lines.reduce((s, l) => s + l.months, 0)).toBe(2);
    expect(p.approvedBy).toBe('S-LI');
  });

  it('refuses back-payment of an earlier year where the pack allows the current year only', async () => {
    const t = await store();
    const r = await t.payments.preview(pensionQuarter(t.personId, { fromMonth: `${String(year - 1)}-05`, toMonth: `${String(year - 1)}-06` }));
    expect(r).toMatchObject({ ok: false, code: 'backPay.tooOld' });
  });

  it('keeps regular periods regular', async () => {
    const t = await store();
    const r = await t.payments.preview(pensionQuarter(t.personId));
    expect(r).toMatchObject({ ok: true, preview: { backPayment: false } });
  });
});
