import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageIndex, basicPensionFen } from '../../../src/shared/pension/basic-pension';
import { estimatePension } from '../../../src/shared/pension/estimate';
import { add, bp, compare, div, frac, mul, pow, roundHalfUp, sub } from '../../../src/shared/pension/fraction';

describe('exact fractions', () => {
  it('round half up on exact halves, both signs', () => {
    expect(roundHalfUp(frac(5, 2))).toBe(3);
    expect(roundHalfUp(frac(-5, 2))).toBe(-2);
    expect(roundHalfUp(frac(7, 3))).toBe(2);
    expect(roundHalfUp(frac(-7, 3))).toBe(-2);
    expect(roundHalfUp(mul(frac(1_000_000), pow(bp(10_300), 2)))).toBe(1_060_900);
    expect(compare(add(frac(1, 3), frac(1, 6)), frac(1, 2))).toBe(0);
    expect(compare(sub(frac(1, 3), frac(1, 2)), frac(0))).toBe(-1);
    expect(() => div(frac(1), frac(0))).toThrow(RangeError);
  });
});

describe('basic pension', () => {
  const J = 1_000_000; // 计发基数 10,000 yuan/month in fen

  it('index 1.0, 15 years: (10000 + 10000) / 2 × 15 × 1 % = 1500 yuan', () => {
    const idx = averageIndex([{ months: 180, baseFen: 500_000, averageWageFen: 500_000 }]);
    expect(idx).not.toBeNull();
    expect(basicPensionFen({ pensionBaseFen: J, averageIndex: idx!, totalMonths: 180 })).toBe(150_000);
  });

  it('index 0.6, 15 years: (10000 + 6000) / 2 × 15 % = 1200 yuan', () => {
    const idx = averageIndex([{ months: 180, baseFen: 300_000, averageWageFen: 500_000 }])!;
    expect(basicPensionFen({ pensionBaseFen: J, averageIndex: idx, totalMonths: 180 })).toBe(120_000);
  });

  it('partial years pro rata: 15 years 6 months at index 1.0 → 1550 yuan', () => {
    expect(basicPensionFen({ pensionBaseFen: J, averageIndex: frac(1), totalMonths: 186 })).toBe(155_000);
  });

  it('the average index is month-weighted: 6 months at 2.0 and 18 at 1.0 → 1.25', () => {
    const idx = averageIndex([
      { months: 6, baseFen: 200, averageWageFen: 100 },
      { months: 18, baseFen: 100, averageWageFen: 100 },
      { months: 0, baseFen: 999, averageWageFen: 1 },
    ])!;
    expect(compare(idx, frac(5, 4))).toBe(0);
    expect(averageIndex([])).toBeNull();
  });

  it('rounds once, half up: 600 fen × 2 × 1 month / 2400 = 0.5 fen → 1', () => {
    expect(basicPensionFen({ pensionBaseFen: 600, averageIndex: frac(1), totalMonths: 1 })).toBe(1);
    expect(basicPensionFen({ pensionBaseFen: 599, averageIndex: frac(1), totalMonths: 1 })).toBe(0);
  });

  it('estimatePension sums the parts and reports 计发月数 and the average index', () => {
    const e = estimatePension({
      pensionBaseFen: J,
      indexEntries: [{ months: 192, baseFen: 750, averageWageFen: 1000 }],
      totalMonths: 192,
      accountBalanceFen: 1_460_000,
      ageMonths: 61 * 12 + 4,
    });
    expect(e).toEqual({ basicPensionFen: 140_000, accountPensionFen: 11_257, monthlyPensionFen: 151_257, payoutMonthsTenths: 1297, averageIndexBp: 7500 });
  });

  it('property: not lower with a higher index or more months; deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 3_000_000 }),
        fc.integer({ min: 3000, max: 30000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 60 }),
        (j, idxBp, more, months, extra) => {
          const a = basicPensionFen({ pensionBaseFen: j, averageIndex: bp(idxBp), totalMonths: months });
          expect(basicPensionFen({ pensionBaseFen: j, averageIndex: bp(idxBp + more), totalMonths: months })).toBeGreaterThanOrEqual(a);
          expect(basicPensionFen({ pensionBaseFen: j, averageIndex: bp(idxBp), totalMonths: months + extra })).toBeGreaterThanOrEqual(a);
          expect(basicPensionFen({ pensionBaseFen: j, averageIndex: bp(idxBp), totalMonths: months })).toBe(a);
        },
      ),
    );
  });
});
