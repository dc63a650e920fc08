import { describe, expect, it } from 'vitest';
import { monthFromIndex, monthIndex, monthsInclusive } from '../../../src/shared/months';
import { backPayableMonths, earliestBackPayMonth, type BackPayRule } from '../../../src/shared/pension/back-pay-window';
import { comparePlans, type PlanParams, type PlanPerson } from '../../../src/shared/pension/payment-options';

const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
};

const sameYear: BackPayRule = { allowed: true, maxMonthsBack: null, sameYearOnly: true, interest: 'none', lateFee: false };

// The round figures of payment-options.test.ts, so every number can be checked by hand.
const params: PlanParams = {
  averageWageFen: 1_000_000, pensionBaseFen: 1_000_000, wageGrowthBp: 0, contributionRateBp: 2000, personalAccountRateBp: 800,
  creditingRateBp: 0, deemedIndexBp: 10_000, minBaseShareBp: 6000, maxBaseShareBp: 30_000, backPayment: sameYear,
};

// Man born 1970-03 → 61y4m, retires 2031-07; minimum 192 months; 180 on record; starts in May 2026.
const person: PlanPerson = {
  birthMonth: '1970-03', track: 'male60', trackFromPack: false, deemedMonths: 60, paidMonths: span('2010-01', '2019-12'),
  history: [{ months: 120, baseFen: 600_000, averageWageFen: 1_000_000 }], accountBalanceFen: 500_000, startMonth: '2026-05',
};

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('back-pay window (pack backPayment rule)', () => {
  it('same year only: January up to the month before the current one, skipping paid months', () => {
    expect(backPayableMonths(sameYear, '2026-05', '1970-03', new Set(['2026-02']))).toEqual(['2026-01', '2026-03', '2026-04']);
    expect(backPayableMonths(sameYear, '2026-01', '1970-03', new Set())).toEqual([]);
  });

  it('months-back limit, not allowed, and the 16th birthday bound when the rule has no limit', () => {
    expect(backPayableMonths({ ...sameYear, sameYearOnly: false, maxMonthsBack: 2 }, '2026-05', '1970-03', new Set())).toEqual(['2026-03', '2026-04']);
    expect(earliestBackPayMonth({ ...sameYear, allowed: false }, '2026-05', '1970-03')).toBeNull();
    const open = { ...sameYear, sameYearOnly: false };
    expect(earliestBackPayMonth(open, '2026-05', '1970-03')).toBe('1986-03');
    expect(backPayableMonths(open, '2026-05', '1970-03', new Set(person.paidMonths))).toHaveLength(monthsInclusive('1986-03', '2026-04') - 120);
  });
});

describe('payment-plan options with back-pay', () => {
  it('to the minimum: 4 back-paid months (Jan–Apr) then 8 from May; same pension as 12 months from May', () => {
    const c = unwrap(comparePlans(person, params, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }, { baseShareBp: 10_000, until: 'minimum' }]));
    expect(c.backPayableMonths).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const [back, plain] = c.options;
    // 12 months × 10000 yuan × 20 % = 24000 yuan; 4 of them back-paid = 8000 yuan.
    expect(back).toMatchObject({
      monthsPaid: 12, backPaidMonths: 4, backPayCostFen: 800_000, backPayInterestFen: 0, firstPaidMonth: '2026-01', lastPaidMonth: '2026-12',
      firstMonthBaseFen: 1_000_000, totalMonths: 192, totalCostFen: 2_400_000, reachesMinimum: true,
      basicPensionFen: 140_000, accountBalanceAtRetirementFen: 1_460_000, accountPensionFen: 11_257, monthlyPensionFen: 151_257, notes: [],
    });
    expect(plain).toMatchObject({ monthsPaid: 12, backPaidMonths: 0, lastPaidMonth: '2027-04', totalCostFen: 2_400_000, monthlyPensionFen: 151_257 });
  });

  it('until retirement with back-pay from May equals starting in January (no growth, no interest)', () => {
    const [back] = unwrap(comparePlans(person, params, [{ baseShareBp: 10_000, until: 'retirement', backPay: true }])).options;
    const [jan] = unwrap(comparePlans({ ...person, startMonth: '2026-01' }, params, [{ baseShareBp: 10_000, until: 'retirement' }])).options;
    // Hand figures of payment-options.test.ts: 67 months, 134000 yuan, basic 1858.33, account 58600 yuan.
    expect(back).toMatchObject({ monthsPaid: 67, backPaidMonths: 4, totalCostFen: 13_400_000, basicPensionFen: 185_833, accountBalanceAtRetirementFen: 5_860_000, monthlyPensionFen: 231_014 });
    expect({ ...back, option: null, backPaidMonths: 0, backPayCostFen: 0 }).toEqual({ ...jan, option: null });
  });

  it('charges interest at the crediting rate where the pack says account_rate', () => {
    const withInterest = { ...params, creditingRateBp: 1200, backPayment: { ...sameYear, interest: 'account_rate' as const } };
    const [o] = unwrap(comparePlans(person, withInterest, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }])).options;
    // 2000 yuan × 12 % × elapsed/12: elapsed 4, 3, 2, 1 months → 20 yuan × 10 = 200 yuan.
    expect(o).toMatchObject({ backPayInterestFen: 20_000, backPayCostFen: 820_000, totalCostFen: 2_420_000 });
  });

  it('flags a late fee it does not estimate and a back-pay with nothing left to pay; refuses back-pay the pack forbids', () => {
    const fee = { ...params, backPayment: { ...sameYear, lateFee: true } };
    expect(unwrap(comparePlans(person, fee, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }])).options[0]?.notes).toEqual(['lateFeeNotIncluded']);
    const paidAll = { ...person, paidMonths: [...person.paidMonths, ...span('2026-01', '2026-04')], history: [{ months: 124, baseFen: 600_000, averageWageFen: 1_000_000 }] };
    expect(unwrap(comparePlans(paidAll, params, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }])).options[0]).toMatchObject({ backPaidMonths: 0, notes: ['nothingToBackPay'] });
    expect(comparePlans(person, { ...params, backPayment: { ...sameYear, allowed: false } }, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }])).toMatchObject({ ok: false, code: 'plan.backPayNotAllowed' });
    expect(comparePlans(person, { ...params, backPayment: null }, [{ baseShareBp: 10_000, until: 'minimum', backPay: true }])).toMatchObject({ ok: false, code: 'plan.backPayNotAllowed' });
  });

  it('states the back-pay window as a pack assumption, or that no back-pay is assumed', () => {
    const codes = (p: PlanParams, who = person) => unwrap(comparePlans(who, p, [])).assumptions.map((a) => a.code);
    expect(codes(params)).toEqual(expect.arrayContaining(['backPayFrom', 'backPayAtCurrentBase']));
    expect(codes({ ...params, backPayment: null })).toContain('noBackPay');
    expect(codes(params, { ...person, startMonth: '2026-01' })).toContain('noBackPay');
  });
});

describe('months transferred in (转移接续)', () => {
  it('count towards the years and enter the index at the assumed index (1.0 by default)', () => {
    const moved = { ...person, deemedMonths: 48, transferredMonths: 12 };
    const c = unwrap(comparePlans(moved, params, [{ baseShareBp: 10_000, until: 'minimum' }]));
    expect(c.current).toMatchObject({ deemedMonths: 48, transferredMonths: 12, actualMonths: 120, totalMonths: 180 });
    const [same] = unwrap(comparePlans(person, params, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    expect(c.options[0]).toEqual(same);
    expect(c.assumptions.find((a) => a.code === 'transferredIndex')).toEqual({ code: 'transferredIndex', value: 10_000, unit: 'bp', origin: 'assumed' });
    // At index 0.6 instead: (48 + 120×0.6 + 12×0.6 + 12) / 192 = 0.725 → basic 10000 × 1.725 / 2 × 16 % = 1380 yuan.
    const [low] = unwrap(comparePlans(moved, { ...params, transferredIndexBp: 6000 }, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    expect(low).toMatchObject({ averageIndexBp: 7250, basicPensionFen: 138_000 });
  });
});

describe('personal account from January of the start year', () => {
  it('the opening balance and this year\'s credits earn interest to the retirement month', () => {
    const late = { ...person, deemedMonths: 200, startMonth: '2031-03' };
    const p = { ...params, creditingRateBp: 1200 };
    // 2031-01 … 2031-07 = 7 months at 1 % a month: 12000 yuan × 7 % = 840 yuan.
    expect(unwrap(comparePlans({ ...late, accountBalanceFen: 1_200_000 }, p, [{ baseShareBp: 10_000, until: 'minimum' }])).options[0]?.accountBalanceAtRetirementFen).toBe(1_284_000);
    // A January credit of 1200 yuan on record earns 7 % too: + 1200 + 84.
    const credits = new Map([['2031-01', 120_000]]);
    expect(unwrap(comparePlans({ ...late, accountBalanceFen: 1_200_000, accountCreditsFen: credits }, p, [{ baseShareBp: 10_000, until: 'minimum' }])).options[0]?.accountBalanceAtRetirementFen).toBe(1_412_400);
  });
});
