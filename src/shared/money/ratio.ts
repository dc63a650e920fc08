import { z } from 'zod';

/**
 * Exact rates as integer ratios (num / den). A rate is never a float: 8.5% is
 * { num: 850, den: 10000 } (basis points), Beijing's subsidy share of two
 * thirds is { num: 2, den: 3 }. Products of ratios stay exact in bigint, so
 * nothing is rounded before the last step of a line item (DOMAIN.md §5).
 */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

export const ratioSchema = z
  .object({ num: z.number().int().min(0), den: z.number().int().min(1) })
  .strict();

export const ratio = (num: number, den: number): Ratio => {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num < 0 || den <= 0) {
    throw new Error(`bad ratio ${num}/${den}`);
  }
  return { num, den };
};

/** Basis points: bp(850) = 8.5%. */
export const bp = (basisPoints: number): Ratio => ratio(basisPoints, 10_000);

export const ZERO: Ratio = { num: 0, den: 1 };
export const ONE: Ratio = { num: 1, den: 1 };

/** Exact comparison a ⋚ b by cross-multiplication. */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = BigInt(a.num) * BigInt(b.den);
  const r = BigInt(b.num) * BigInt(a.den);
  return l < r ? -1 : l > r ? 1 : 0;
}

export const ratioEquals = (a: Ratio, b: Ratio): boolean => compareRatio(a, b) === 0;

/** Sum of two ratios, not reduced (reduction is not needed for exactness). */
export function addRatio(a: Ratio, b: Ratio): Ratio {
  return reduce(BigInt(a.num) * BigInt(b.den) + BigInt(b.num) * BigInt(a.den), BigInt(a.den) * BigInt(b.den));
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return reduce(BigInt(a.num) * BigInt(b.num), BigInt(a.den) * BigInt(b.den));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(num: bigint, den: bigint): Ratio {
  const g = gcd(num, den);
  const n = Number(num / g);
  const d = Number(den / g);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new Error('ratio overflow');
  return { num: n, den: d };
}

/** Human form for screens and receipts: 8.5%, 66.67% (display only, never used in sums). */
export function formatPercent(r: Ratio, decimals = 2): string {
  const scale = 10n ** BigInt(decimals);
  const hundredths = BigInt(r.num) * 100n * scale;
  const q = roundHalfUp(hundredths, BigInt(r.den));
  const whole = q / scale;
  const frac = (q % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${whole.toString()}${frac ? `.${frac}` : ''}%`;
}

/**
 * n / d rounded half away from zero (四舍五入) — the same as half up for the
 * non-negative amounts of contributions; reversals negate a rounded amount,
 * they never round a negative product. d must be positive.
 */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divisor must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a * 2n + d) / (d * 2n);
  return neg ? -q : q;
}
