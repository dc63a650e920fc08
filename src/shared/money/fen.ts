import { err, ok, type Result } from '../result';
import { roundHalfUp, type Ratio } from './ratio';

/** Amounts are integer fen (分) everywhere (DOMAIN.md §5). */
export type Fen = number;

export function assertFen(v: number, what = 'amount'): void {
  if (!Number.isSafeInteger(v)) throw new Error(`${what} is not an integer number of fen: ${v}`);
}

/**
 * amount × (product of the ratios), rounded half up to the fen once, at the
 * end. Everything before the division is an exact bigint product, so e.g.
 * base × months × 20% × 2/3 loses nothing until the last step.
 */
export function mulRound(amount: Fen | bigint, ...ratios: readonly Ratio[]): Fen {
  let num = BigInt(amount);
  let den = 1n;
  for (const r of ratios) {
    num *= BigInt(r.num);
    den *= BigInt(r.den);
  }
  return toFen(roundHalfUp(num, den));
}

/** The exact value amount × ratios as a bigint fraction, for sums that round once at the end. */
export function exactProduct(amount: Fen | bigint, ...ratios: readonly Ratio[]): { num: bigint; den: bigint } {
  let num = BigInt(amount);
  let den = 1n;
  for (const r of ratios) {
    num *= BigInt(r.num);
    den *= BigInt(r.den);
  }
  return { num, den };
}

/** Σ of exact fractions, rounded once. */
export function sumRound(parts: readonly { num: bigint; den: bigint }[]): Fen {
  let num = 0n;
  let den = 1n;
  for (const p of parts) {
    num = num * p.den + p.num * den;
    den *= p.den;
  }
  return toFen(roundHalfUp(num, den));
}

export function toFen(v: bigint): Fen {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error('amount out of range');
  return n;
}

/** Whole yuan → fen (limits are published in whole yuan per month). */
export const yuan = (wholeYuan: number): Fen => {
  assertFen(wholeYuan, 'yuan');
  return wholeYuan * 100;
};

/** 58492 → '584.92'; -5 → '-0.05'. No digit grouping: receipts and exports read it back. */
export function formatFen(fen: Fen): string {
  assertFen(fen);
  const neg = fen < 0;
  const a = Math.abs(fen);
  const y = Math.floor(a / 100);
  const f = String(a % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${String(y)}.${f}`;
}

/** Amount typed in yuan ('584.92', '7162', '7,162.5') → fen; more than 2 decimals is an error, not a rounding. */
export function parseYuan(raw: string): Result<Fen> {
  const t = raw.trim().replace(/[,，\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return err('money.format');
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}
