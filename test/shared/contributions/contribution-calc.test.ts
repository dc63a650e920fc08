import { describe, expect, it } from 'vitest';
import { calculateContribution } from '../../../src/shared/contributions/contribution-calc';
import type { ContributionRequest } from '../../../src/shared/contributions/contribution-types';
import { BEIJING, shippedPacks, TIANJIN, ZHEJIANG } from '../policy/packs';

const packs = shippedPacks();
const calc = (req: ContributionRequest) => calculateContribution(req, packs);
const pick = (r: ReturnType<typeof calc>) => {
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.params)}`);
  return r.value;
};

describe('employee pension (flexible worker), hand-computed', () => {
  it('Tianjin 2025, one month at the floor: 5124 × 20% = 1024.80, 8% = 409.92 to the personal account', () => {
    const r = pick(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01', baseFen: 512_400 }));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ packVersion: '2025.1', months: 1, baseFen: 512_400, rate: { num: 2000, den: 10000 }, totalFen: 102_480, personalAccountFen: 40_992, pooledFen: 61_488, subsidyFen: 0, personFen: 102_480, dueNowFen: 102_480 });
    expect(r.totalFen).toBe(102_480);
  });

  it('Beijing, a year across the July pack boundary is split into two lines', () => {
    const r = pick(calc({ scheme: 'employee_pension', regionCode: BEIJING, fromMonth: '2025-01', toMonth: '2025-12', baseFen: 716_200 }));
    expect(r.lines.map((l) => [l.fromMonth, l.toMonth, l.packVersion, l.totalFen])).toEqual([
      ['2025-01', '2025-06', '2024.1', 859_440],
      ['2025-07', '2025-12', '2025.1', 859_440],
    ]);
    expect(r.totalFen).toBe(1_718_880);
  });

  it('the base is checked against the floor and ceiling of the pack in force in each month', () => {
    // 7000 yuan is above the 2024 floor (6821) but below the 2025 floor (7162) that applies from July.
    expect(calc({ scheme: 'employee_pension', regionCode: BEIJING, fromMonth: '2025-01', toMonth: '2025-12', baseFen: 700_000 })).toEqual({
      ok: false, code: 'base.belowFloor', params: { floor: 716_200, floorText: '7162.00', month: '2025-07', packVersion: '2025.1' },
    });
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01', baseFen: 2_562_001 })).toMatchObject({ ok: false, code: 'base.aboveCeiling', params: { ceiling: 2_562_000 } });
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01' })).toEqual({ ok: false, code: 'base.required' });
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01', baseFen: 600_000.5 })).toEqual({ ok: false, code: 'base.format' });
  });

  it('refuses months out of order, months with no pack, and spans the frequencies do not allow', () => {
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-03', toMonth: '2025-01', baseFen: 600_000 })).toEqual({ ok: false, code: 'months.order' });
    expect(calc({ scheme: 'employee_pension', regionCode: BEIJING, fromMonth: '2024-04', toMonth: '2024-06', baseFen: 700_000 })).toEqual({ ok: false, code: 'pack.missing', params: { month: '2024-04' } });
    // Three months that are not a calendar quarter.
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-02', toMonth: '2025-04', baseFen: 600_000 })).toMatchObject({ ok: false, code: 'months.frequency', params: { months: 3 } });
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-02', baseFen: 600_000 })).toMatchObject({ ok: false, code: 'months.frequency' });
    expect(pick(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-07', toMonth: '2025-12', baseFen: 600_000 })).totalFen).toBe(720_000);
    expect(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-1', toMonth: '2025-01', baseFen: 600_000 })).toMatchObject({ ok: false, code: 'month.format' });
  });

  it('a monthly-only pack refuses a quarter', () => {
    const monthly = packs.map((p) => (p.region.code === TIANJIN ? { ...p, paymentFrequencies: { ...p.paymentFrequencies, value: ['monthly' as const] } } : p));
    expect(calculateContribution({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-03', baseFen: 600_000 }, monthly)).toMatchObject({ ok: false, code: 'months.frequency', params: { allowed: 'monthly' } });
  });
});

describe('employee medical (flexible worker)', () => {
  it('Tianjin: 8.5% of the base, rounded half up once per line', () => {
    // 5013.00 × 8.5% = 426.105 → 426.11 (2024 pack); a quarter: 1278.315 → 1278.32, not 3 × 426.11 = 1278.33.
    expect(pick(calc({ scheme: 'employee_medical', regionCode: TIANJIN, fromMonth: '2024-01', toMonth: '2024-01', baseFen: 501_300 })).totalFen).toBe(42_611);
    const q = pick(calc({ scheme: 'employee_medical', regionCode: TIANJIN, fromMonth: '2024-01', toMonth: '2024-03', baseFen: 501_300 }));
    expect(q.lines[0]).toMatchObject({ totalFen: 127_832, personalAccountFen: 0, pooledFen: 127_832 });
  });

  it('Beijing: fixed 584.92 a month, no base needed, split at the July boundary', () => {
    const r = pick(calc({ scheme: 'employee_medical', regionCode: BEIJING, fromMonth: '2025-01', toMonth: '2025-12' }));
    expect(r.lines.map((l) => [l.packVersion, l.baseFen, l.rate, l.totalFen])).toEqual([
      ['2024.1', null, null, 6 * 55_707],
      ['2025.1', null, null, 6 * 58_492],
    ]);
  });
});

describe('employment-difficulty subsidy (社保补贴)', () => {
  it('Tianjin: fixed 600 pension a month, from the start month on, paid in advance', () => {
    const r = pick(calc({ scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-04', toMonth: '2025-06', baseFen: 600_000, subsidy: { category: 'hard_to_employ', startMonth: '2025-05' } }));
    expect(r.lines.map((l) => [l.fromMonth, l.toMonth, l.totalFen, l.subsidyFen, l.personFen, l.dueNowFen])).toEqual([
      ['2025-04', '2025-04', 120_000, 0, 120_000, 120_000],
      ['2025-05', '2025-06', 240_000, 120_000, 120_000, 120_000],
    ]);
  });

  it('Tianjin: the subsidy ends after durationMonths (36) and never exceeds the contribution', () => {
    const r = pick(calc({ scheme: 'employee_medical', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01', baseFen: 512_400, subsidy: { category: 'hard_to_employ', startMonth: '2022-01' } }));
    expect(r.subsidyFen).toBe(0);
    const low = pick(calc({ scheme: 'employee_medical', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-01', baseFen: 512_400, subsidy: { category: 'hard_to_employ', startMonth: '2025-01' } }));
    expect(low.lines[0]).toMatchObject({ totalFen: 43_554, subsidyFen: 20_000, personFen: 23_554 });
  });

  it('Beijing: 2/3 of the minimum contribution, reimbursed (the person pays in full now)', () => {
    const r = pick(calc({ scheme: 'employee_pension', regionCode: BEIJING, fromMonth: '2025-07', toMonth: '2025-07', baseFen: 1_000_000, subsidy: { category: 'hard_to_employ', startMonth: '2025-01' } }));
    // 2/3 × 7162 × 20% = 954.9333… → 954.93
    expect(r.lines[0]).toMatchObject({ totalFen: 200_000, subsidyFen: 95_493, personFen: 104_507, dueNowFen: 200_000, subsidyPayment: 'reimbursed' });
    const med = pick(calc({ scheme: 'employee_medical', regionCode: BEIJING, fromMonth: '2025-07', toMonth: '2025-07', subsidy: { category: 'hard_to_employ', startMonth: '2025-01' } }));
    expect(med.lines[0]).toMatchObject({ totalFen: 58_492, subsidyFen: 38_995 }); // 2/3 × 584.92 = 389.9466…
  });

  it('Zhejiang: 2/3 of the actual contribution; a category that does not qualify gets nothing', () => {
    const r = pick(calc({ scheme: 'employee_pension', regionCode: ZHEJIANG, fromMonth: '2025-03', toMonth: '2025-03', baseFen: 600_000, subsidy: { category: 'hard_to_employ', startMonth: '2025-03' } }));
    expect(r.lines[0]).toMatchObject({ totalFen: 120_000, subsidyFen: 80_000, personFen: 40_000, dueNowFen: 120_000 });
    const none = pick(calc({ scheme: 'employee_pension', regionCode: ZHEJIANG, fromMonth: '2025-03', toMonth: '2025-03', baseFen: 600_000, subsidy: { category: 'migrant', startMonth: '2025-03' } }));
    expect(none.subsidyFen).toBe(0);
  });
});

describe("residents' schemes (calendar years)", () => {
  it("residents' pension: grade + subsidy credited to the personal account, the person pays the grade", () => {
    const r = pick(calc({ scheme: 'residents_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-12', gradeId: '600' }));
    expect(r.lines[0]).toMatchObject({ months: 12, gradeId: '600', totalFen: 66_000, personalAccountFen: 66_000, pooledFen: 0, subsidyFen: 6_000, personFen: 60_000, dueNowFen: 60_000 });
    expect(calc({ scheme: 'residents_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-12', gradeId: '650' })).toMatchObject({ ok: false, code: 'grade.unknown' });
  });

  it("residents' medical: the group's yearly amount, one line per year, the first group by default", () => {
    const r = pick(calc({ scheme: 'residents_medical', regionCode: BEIJING, fromMonth: '2025-01', toMonth: '2025-12', medicalGroupId: 'elderly' }));
    expect(r.lines[0]).toMatchObject({ packVersion: '2025.1', totalFen: 37_000, pooledFen: 37_000 });
    const two = pick(calc({ scheme: 'residents_medical', regionCode: TIANJIN, fromMonth: '2024-01', toMonth: '2025-12' }));
    expect(two.lines.map((l) => [l.fromMonth, l.packVersion, l.gradeId])).toEqual([['2024-01', '2024.1', 'adult'], ['2025-01', '2025.1', 'adult']]);
  });

  it('refuses a span that is not whole calendar years', () => {
    expect(calc({ scheme: 'residents_medical', regionCode: TIANJIN, fromMonth: '2025-03', toMonth: '2025-12' })).toMatchObject({ ok: false, code: 'months.frequency', params: { allowed: 'yearly' } });
  });
});

describe('back-payment (补缴) of past months', () => {
  const req = { scheme: 'employee_pension', regionCode: TIANJIN, baseFen: 600_000 } as const;
  it('same-year catch-up of any number of past months is allowed under the shipped rule', () => {
    const r = pick(calc({ ...req, fromMonth: '2025-01', toMonth: '2025-05', backPayment: { currentMonth: '2025-08' } }));
    expect([r.lines.length, r.totalFen]).toEqual([1, 600_000]);
  });
  it('refuses last year, the current month, and any back-payment where the pack forbids it', () => {
    expect(calc({ ...req, fromMonth: '2024-11', toMonth: '2025-01', backPayment: { currentMonth: '2025-08' } })).toMatchObject({ ok: false, code: 'backPay.tooOld' });
    expect(calc({ ...req, fromMonth: '2025-07', toMonth: '2025-08', backPayment: { currentMonth: '2025-08' } })).toMatchObject({ ok: false, code: 'backPay.notPast' });
    const closed = packs.map((p) => ({ ...p, backPayment: { ...p.backPayment, value: { ...p.backPayment.value, allowed: false } } }));
    expect(calculateContribution({ ...req, fromMonth: '2025-01', toMonth: '2025-02', backPayment: { currentMonth: '2025-08' } }, closed)).toMatchObject({ ok: false, code: 'backPay.notAllowed' });
  });
});
