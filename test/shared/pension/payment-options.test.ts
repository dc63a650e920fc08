import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePlans, type PlanParams, type PlanPerson } from '../../../src/shared/pension/payment-options';
import { RETIREMENT_TRACKS } from '../../../src/shared/retirement/retirement-age';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';

const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
};

// Round figures so every expectation below can be checked by hand.
const params: PlanParams = {
  averageWageFen: 1_000_000,
  pensionBaseFen: 1_000_000,
  wageGrowthBp: 0,
  contributionRateBp: 2000,
  personalAccountRateBp: 800,
  creditingRateBp: 0,
  deemedIndexBp: 10_000,
  minBaseShareBp: 6000,
  maxBaseShareBp: 30_000,
};

// Man born 1970-03: delay 16 → 61y4m, retires 2031-07; minimum in 2031 is 16 years (192 months).
const person: PlanPerson = {
  birthMonth: '1970-03',
  track: 'male60',
  trackFromPack: false,
  deemedMonths: 60,
  paidMonths: span('2010-01', '2019-12'),
  history: [{ months: 120, baseFen: 600_000, averageWageFen: 1_000_000 }],
  accountBalanceFen: 500_000,
  startMonth: '2026-01',
};

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('payment-plan options', () => {
  it('computes the person-level facts once', () => {
    const c = unwrap(comparePlans(person, params, []));
    expect(c.retirement).toMatchObject({ retirementMonth: '2031-07', ageMonths: 736, age: { years: 61, months: 4 } });
    expect(c.minimumMonths).toBe(192);
    expect(c.current).toMatchObject({ totalMonths: 180, monthsNeeded: 12 });
    expect(c.payoutMonthsTenths).toBe(1297);
  });

  it('100 % of the average wage, only to the minimum: 12 months, hand-computed pension', () => {
    const [o] = unwrap(comparePlans(person, params, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    // index (60×1 + 120×0.6 + 12×1) / 192 = 0.75; basic = 10000 × 1.75 / 2 × 16 % = 1400 yuan
    // account 5000 + 12 × 800 = 14600 yuan ÷ 129.7 = 112.567… yuan
    expect(o).toMatchObject({
      monthsPaid: 12, firstPaidMonth: '2026-01', lastPaidMonth: '2026-12', totalMonths: 192, totalYearsTenths: 160,
      reachesMinimum: true, shortfallMonths: 0, firstMonthBaseFen: 1_000_000, firstMonthCostFen: 200_000, totalCostFen: 2_400_000,
      pensionBaseAtRetirementFen: 1_000_000, averageIndexBp: 7500, accountBalanceAtRetirementFen: 1_460_000,
      basicPensionFen: 140_000, accountPensionFen: 11_257, monthlyPensionFen: 151_257, notes: [],
    });
  });

  it('100 %, until retirement: 67 months to 2031-07 inclusive', () => {
    const [o] = unwrap(comparePlans(person, params, [{ baseShareBp: 10_000, until: 'retirement' }])).options;
    // basic = 10000 × (1 + 199/247) / 2 × 247/1200 = 10000 × 446 / 2400 = 1858.333… yuan
    expect(o).toMatchObject({ monthsPaid: 67, lastPaidMonth: '2031-07', totalMonths: 247, totalCostFen: 13_400_000, basicPensionFen: 185_833, accountBalanceAtRetirementFen: 5_860_000, accountPensionFen: 45_181, monthlyPensionFen: 231_014 });
  });

  it('60 %, to the minimum', () => {
    const [o] = unwrap(comparePlans(person, params, [{ baseShareBp: 6000, until: 'minimum' }])).options;
    // index (60 + 72 + 7.2) / 192 = 0.725 → basic 10000 × 1.725 / 2 × 16 % = 1380 yuan; account 10760 ÷ 129.7
    expect(o).toMatchObject({ totalCostFen: 1_440_000, averageIndexBp: 7250, basicPensionFen: 138_000, accountBalanceAtRetirementFen: 1_076_000, accountPensionFen: 8296 });
  });

  it('grows the wage and the 计发基数 yearly from the start year', () => {
    const grown = { ...params, wageGrowthBp: 1000 };
    const [o] = unwrap(comparePlans({ ...person, startMonth: '2026-12' }, grown, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    // 2026-12 at 10000 yuan, 2027-01 … 2027-11 at 11000; 计发基数 2031 = 10000 × 1.1^5 = 16105.10
    expect(o).toMatchObject({
      monthsPaid: 12, lastPaidMonth: '2027-11', firstMonthCostFen: 200_000, totalCostFen: 200_000 + 11 * 220_000,
      pensionBaseAtRetirementFen: 1_610_510, averageIndexBp: 7500, basicPensionFen: 225_471,
      accountBalanceAtRetirementFen: 500_000 + 80_000 + 11 * 88_000, accountPensionFen: 11_935,
    });
  });

  it('flags a plan that cannot reach the minimum, one already past it, and incomplete history', () => {
    const short = { ...person, deemedMonths: 0, startMonth: '2031-01' };
    const [a] = unwrap(comparePlans(short, params, [{ baseShareBp: 10_000, until: 'retirement' }])).options;
    expect(a).toMatchObject({ monthsPaid: 7, totalMonths: 127, reachesMinimum: false, shortfallMonths: 65, notes: ['minimumNotReached'] });
    const done = { ...person, deemedMonths: 100, history: [] };
    const [b] = unwrap(comparePlans(done, params, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    expect(b).toMatchObject({ monthsPaid: 0, firstPaidMonth: null, totalCostFen: 0, notes: ['minimumAlreadyReached', 'historyIncomplete'] });
  });

  it('skips months already paid inside the plan window', () => {
    const p = { ...person, paidMonths: [...person.paidMonths, '2026-02'], history: [{ months: 121, baseFen: 600_000, averageWageFen: 1_000_000 }] };
    const [o] = unwrap(comparePlans(p, params, [{ baseShareBp: 10_000, until: 'minimum' }])).options;
    expect(o).toMatchObject({ monthsPaid: 11, firstPaidMonth: '2026-01', lastPaidMonth: '2026-12', totalMonths: 192 });
  });

  it('states its assumptions as data, with their origin', () => {
    const c = unwrap(comparePlans({ ...person, birthMonth: '1975-05', track: 'female50', trackFromPack: true }, params, []));
    const byCode = new Map(c.assumptions.map((a) => [a.code, a]));
    expect(byCode.get('retirementTrack')).toEqual({ code: 'retirementTrack', value: 'female50', unit: 'code', origin: 'pack' });
    expect(byCode.get('wageGrowth')).toMatchObject({ value: 0, unit: 'bp', origin: 'assumed' });
    expect(byCode.get('creditingRate')).toMatchObject({ origin: 'assumed' });
    expect(byCode.get('averageWage')).toMatchObject({ value: 1_000_000, unit: 'fen', origin: 'pack' });
    expect(byCode.get('retirementMonth')).toMatchObject({ value: c.retirement.retirementMonth, unit: 'yearMonth' });
    expect(byCode.get('baseShareRange')).toMatchObject({ value: [6000, 30_000] });
    expect(byCode.has('noTransitionalPension')).toBe(true);
  });

  it('refuses bad input with stable codes', () => {
    expect(comparePlans(person, params, [{ baseShareBp: 5000, until: 'minimum' }])).toMatchObject({ ok: false, code: 'plan.baseShareOutOfRange' });
    expect(comparePlans(person, params, [{ baseShareBp: 30_001, until: 'minimum' }])).toMatchObject({ ok: false, code: 'plan.baseShareOutOfRange' });
    expect(comparePlans({ ...person, startMonth: '2026-13' }, params, [])).toMatchObject({ ok: false, code: 'plan.invalidMonth' });
    expect(comparePlans({ ...person, deemedMonths: -1 }, params, [])).toMatchObject({ ok: false, code: 'plan.invalidAmount' });
    expect(comparePlans(person, { ...params, averageWageFen: 0 }, [])).toMatchObject({ ok: false, code: 'plan.invalidParams' });
  });
});

describe('payment-plan options: properties', () => {
  const personArb = fc
    .record({
      birth: fc.integer({ min: 1960 * 12, max: 1985 * 12 }),
      track: fc.constantFrom(...RETIREMENT_TRACKS),
      deemed: fc.integer({ min: 0, max: 150 }),
      paid: fc.uniqueArray(fc.integer({ min: 1995 * 12, max: 2024 * 12 + 11 }), { maxLength: 150 }),
      histBase: fc.integer({ min: 200_000, max: 2_000_000 }),
      balance: fc.integer({ min: 0, max: 20_000_000 }),
      start: fc.integer({ min: 2025 * 12, max: 2030 * 12 + 11 }),
    })
    .map((r): PlanPerson => ({
      birthMonth: monthFromIndex(r.birth),
      track: r.track,
      trackFromPack: r.track !== 'male60',
      deemedMonths: r.deemed,
      paidMonths: r.paid.map(monthFromIndex),
      history: [{ months: r.paid.length, baseFen: r.histBase, averageWageFen: 800_000 }],
      accountBalanceFen: r.balance,
      startMonth: monthFromIndex(r.start),
    }));
  const paramsArb = fc.record({
    averageWageFen: fc.integer({ min: 300_000, max: 3_000_000 }),
    pensionBaseFen: fc.integer({ min: 300_000, max: 3_000_000 }),
    wageGrowthBp: fc.integer({ min: 0, max: 800 }),
    contributionRateBp: fc.constant(2000),
    personalAccountRateBp: fc.constant(800),
    creditingRateBp: fc.integer({ min: 0, max: 800 }),
    deemedIndexBp: fc.integer({ min: 6000, max: 20_000 }),
    minBaseShareBp: fc.constant(6000),
    maxBaseShareBp: fc.constant(30_000),
  });
  const shareArb = fc.integer({ min: 6000, max: 30_000 });
  const untilArb = fc.constantFrom('retirement' as const, 'minimum' as const);

  it('a higher base level never gives a lower pension and costs more (strictly, when anything is paid)', () => {
    fc.assert(
      fc.property(personArb, paramsArb, shareArb, shareArb, untilArb, (p, prm, s1, s2, until) => {
        fc.pre(s1 !== s2);
        const [lo, hi] = s1 < s2 ? [s1, s2] : [s2, s1];
        const [a, b] = unwrap(comparePlans(p, prm, [{ baseShareBp: lo, until }, { baseShareBp: hi, until }])).options;
        expect(b!.monthsPaid).toBe(a!.monthsPaid);
        expect(b!.monthlyPensionFen).toBeGreaterThanOrEqual(a!.monthlyPensionFen);
        if (a!.monthsPaid > 0) expect(b!.totalCostFen).toBeGreaterThan(a!.totalCostFen);
        else expect(b!.totalCostFen).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('paying until retirement never gives fewer years, a lower pension or a lower cost than paying to the minimum', () => {
    fc.assert(
      fc.property(personArb, paramsArb, shareArb, (p, prm, share) => {
        const [min, ret] = unwrap(comparePlans(p, prm, [{ baseShareBp: share, until: 'minimum' }, { baseShareBp: share, until: 'retirement' }])).options;
        expect(ret!.totalMonths).toBeGreaterThanOrEqual(min!.totalMonths);
        expect(ret!.monthlyPensionFen).toBeGreaterThanOrEqual(min!.monthlyPensionFen);
        expect(ret!.totalCostFen).toBeGreaterThanOrEqual(min!.totalCostFen);
        expect(ret!.reachesMinimum || !min!.reachesMinimum).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic and ignores the order and repetition of paid months', () => {
    fc.assert(
      fc.property(personArb, paramsArb, shareArb, untilArb, (p, prm, share, until) => {
        const opts = [{ baseShareBp: share, until }];
        const a = comparePlans(p, prm, opts);
        const shuffled = { ...p, paidMonths: [...p.paidMonths].reverse().concat(p.paidMonths.slice(0, 2)) };
        expect(comparePlans(p, prm, opts)).toEqual(a);
        const b = comparePlans(shuffled, prm, opts);
        expect(b.ok && a.ok && b.value.options).toEqual(a.ok && a.value.options);
      }),
      { numRuns: 40 },
    );
  });
});
