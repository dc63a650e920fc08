/**
 * Exact rational arithmetic on BigInt. The pension formula chains ratios (base ÷ average wage,
 * averages, growth powers); DOMAIN §5 forbids rounding intermediate products, and floating point
 * would move results that sit exactly on a half fen. Fractions keep every step exact until the
 * single rounding at the end.
 */
export type Frac = { readonly n: bigint; readonly d: bigint };

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

const norm = (n: bigint, d: bigint): Frac => {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
};

export const frac = (n: number | bigint, d: number | bigint = 1n): Frac => norm(BigInt(n), BigInt(d));
export const ZERO: Frac = { n: 0n, d: 1n };
export const ONE: Frac = { n: 1n, d: 1n };

export const add = (a: Frac, b: Frac): Frac => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Frac, b: Frac): Frac => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Frac, b: Frac): Frac => norm(a.n * b.n, a.d * b.d);
export const div = (a: Frac, b: Frac): Frac => norm(a.n * b.d, a.d * b.n);

export const pow = (a: Frac, k: number): Frac => {
  if (!Number.isInteger(k) || k < 0) throw new RangeError('pow: exponent must be a non-negative integer');
  return norm(a.n ** BigInt(k), a.d ** BigInt(k));
};

const floorDiv = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
};

/** Round half up (towards +∞ on an exact half): floor(x + 1/2). */
export const roundHalfUp = (a: Frac): number => Number(floorDiv(2n * a.n + a.d, 2n * a.d));

export const floor = (a: Frac): number => Number(floorDiv(a.n, a.d));

export const compare = (a: Frac, b: Frac): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

/** A rate in basis points (1 bp = 0.01 %) as a fraction: 2000 → 1/5. */
export const bp = (basisPoints: number): Frac => frac(basisPoints, 10_000);
