import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, mulRound, parseYuan, sumRound, exactProduct } from '../../../src/shared/money/fen';
import { bp, compareRatio, formatPercent, mulRatio, ratio, roundHalfUp } from '../../../src/shared/money/ratio';

describe('roundHalfUp', () => {
  it('rounds half up (away from zero) and nothing else', () => {
    expect([roundHalfUp(5n, 2n), roundHalfUp(4n, 3n), roundHalfUp(5n, 3n), roundHalfUp(-5n, 2n), roundHalfUp(0n, 7n)]).toEqual([3n, 1n, 2n, -3n, 0n]);
    expect(() => roundHalfUp(1n, 0n)).toThrow();
  });

  it('property: result is within half a unit of the exact quotient, ties go up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const q = roundHalfUp(n, d);
        const twice = 2n * n - 2n * q * d; // 2d × (n/d − q) ∈ [−d, d): ties (exactly −d) rounded up
        expect(twice >= -d && twice < d).toBe(true);
      }),
    );
  });
});

describe('mulRound: exact products, one rounding', () => {
  it('computes base × rate in integer fen (DOMAIN.md examples)', () => {
    expect(mulRound(716_200, bp(2000))).toBe(143_240); // Beijing floor × 20% = 1432.40
    expect(mulRound(716_200, bp(800))).toBe(57_296);
    expect(mulRound(501_300, bp(850))).toBe(42_611); // 4261.05 → .05 exact half? 501300 × 0.085 = 42610.5 → 42611
    expect(mulRound(716_200 * 12, bp(2000), ratio(2, 3))).toBe(1_145_920); // 2/3 of a year at the floor: 11459.20
    expect(mulRound(100, ratio(1, 3))).toBe(33);
    expect(mulRound(200, ratio(1, 3))).toBe(67);
  });

  it('property: never rounds an intermediate product (two ratios at once = one combined ratio)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 7 }), (amt, b, k) => {
        expect(mulRound(amt, bp(b), ratio(1, k))).toBe(mulRound(amt, mulRatio(bp(b), ratio(1, k))));
        expect(sumRound([exactProduct(amt, bp(b)), exactProduct(amt, bp(b))])).toBe(mulRound(amt * 2, bp(b)));
      }),
    );
  });

  it('formats and parses yuan without floating point', () => {
    expect([formatFen(58_492), formatFen(5), formatFen(-5), formatFen(716_200)]).toEqual(['584.92', '0.05', '-0.05', '7162.00']);
    expect(parseYuan('584.92')).toEqual({ ok: true, value: 58_492 });
    expect(parseYuan('7,162')).toEqual({ ok: true, value: 716_200 });
    expect(parseYuan('0.1')).toEqual({ ok: true, value: 10 });
    expect(parseYuan('1.234')).toEqual({ ok: false, code: 'money.format' });
    expect(parseYuan('-1')).toEqual({ ok: false, code: 'money.format' });
    expect(formatPercent(bp(850))).toBe('8.5%');
    expect(formatPercent(ratio(2, 3))).toBe('66.67%');
    expect(compareRatio(bp(800), ratio(2, 25))).toBe(0);
  });
});
