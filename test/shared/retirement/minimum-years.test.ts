import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumContributionMonths } from '../../../src/shared/retirement/minimum-years';

describe('minimum contribution years by the year the statutory age is reached', () => {
  it('every year 2024–2041', () => {
    const want: Record<number, number> = {
      2024: 180, 2025: 180, 2026: 180, 2027: 180, 2028: 180, 2029: 180,
      2030: 186, 2031: 192, 2032: 198, 2033: 204, 2034: 210, 2035: 216, 2036: 222, 2037: 228, 2038: 234,
      2039: 240, 2040: 240, 2041: 240,
    };
    for (let y = 2024; y <= 2041; y++) expect([y, minimumContributionMonths(y)]).toEqual([y, want[y]]);
  });

  it('in years: 2030 15.5, 2038 19.5, 2039 20', () => {
    expect(minimumContributionMonths(2030) / 12).toBe(15.5);
    expect(minimumContributionMonths(2038) / 12).toBe(19.5);
    expect(minimumContributionMonths(2039) / 12).toBe(20);
  });

  it('property: non-decreasing, within 180–240, in steps of 0 or 6 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (y) => {
        const a = minimumContributionMonths(y);
        const b = minimumContributionMonths(y + 1);
        expect(a).toBeGreaterThanOrEqual(180);
        expect(a).toBeLessThanOrEqual(240);
        expect([0, 6]).toContain(b - a);
      }),
    );
  });
});
