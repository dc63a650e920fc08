import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYOUT_MONTHS_BY_AGE, payoutMonthsTenths } from '../../../src/shared/pension/payout-months';

const ym = (years: number, months = 0): number => years * 12 + months;

describe('计发月数 by age at retirement', () => {
  it('equals the 国发〔2005〕38号 table at whole years', () => {
    for (let age = 40; age <= 70; age++) expect([age, payoutMonthsTenths(ym(age))]).toEqual([age, (PAYOUT_MONTHS_BY_AGE[age] ?? -1) * 10]);
    expect(payoutMonthsTenths(ym(50))).toBe(1950);
    expect(payoutMonthsTenths(ym(55))).toBe(1700);
    expect(payoutMonthsTenths(ym(60))).toBe(1390);
    expect(payoutMonthsTenths(ym(63))).toBe(1170);
  });

  it('interpolates by month and rounds to 0.1, ties half up', () => {
    expect(payoutMonthsTenths(ym(60, 1))).toBe(1384); // 139 − 7/12 = 138.416…
    expect(payoutMonthsTenths(ym(60, 3))).toBe(1373); // 139 − 1.75 = 137.25 → tie → 137.3
    expect(payoutMonthsTenths(ym(60, 6))).toBe(1355); // 135.5 exactly
    expect(payoutMonthsTenths(ym(60, 9))).toBe(1338); // 139 − 5.25 = 133.75 → tie → 133.8
    expect(payoutMonthsTenths(ym(61, 4))).toBe(1297); // 132 − 7/3 = 129.666…
    expect(payoutMonthsTenths(ym(55, 6))).toBe(1670); // 170 − 3
    expect(payoutMonthsTenths(ym(50, 1))).toBe(1946); // 195 − 5/12 = 194.583…
    expect(payoutMonthsTenths(ym(62, 11))).toBe(1177); // 125 − 8·11/12 = 117.666…
  });

  it('refuses ages outside the table', () => {
    expect(() => payoutMonthsTenths(ym(39, 11))).toThrow(RangeError);
    expect(() => payoutMonthsTenths(ym(70, 1))).toThrow(RangeError);
    expect(() => payoutMonthsTenths(600.5)).toThrow(RangeError);
  });

  it('every age in months 40y–70y: within 0.05 of the exact interpolation, with half up on ties', () => {
    for (let a = ym(40); a <= ym(70); a++) {
      const y = Math.floor(a / 12);
      const k = a % 12;
      const low = PAYOUT_MONTHS_BY_AGE[y] ?? 0;
      const high = k === 0 ? low : (PAYOUT_MONTHS_BY_AGE[y + 1] ?? 0);
      const exactTimes120 = 10 * (12 * low + (high - low) * k); // exact value × 120
      const t = payoutMonthsTenths(a) * 12; // rounded value × 120
      expect(t - exactTimes120).toBeGreaterThan(-6);
      expect(t - exactTimes120).toBeLessThanOrEqual(6);
    }
  });

  it('property: monotone non-increasing in age', () => {
    fc.assert(
      fc.property(fc.integer({ min: ym(40), max: ym(70) - 1 }), (a) => {
        expect(payoutMonthsTenths(a + 1)).toBeLessThanOrEqual(payoutMonthsTenths(a));
      }),
    );
  });
});
