/**
 * Basic pension (基础养老金, 国发〔2005〕38号; DOMAIN §8):
 *   monthly = (计发基数 + 计发基数 × average index) / 2 × total years × 1 %
 * where the average index is the month-weighted mean of (base ÷ previous year's average wage)
 * and total years = (deemed + actual months) / 12, partial years pro rata. Computed exactly and
 * rounded half up to the fen once, at the end. A provincial transitional part (过渡性养老金) is
 * not included: its formula is [local].
 */
import { add, div, frac, mul, roundHalfUp, ZERO, type Frac } from './fraction';

/** A run of months contributed at one base against one average wage (typically one year). */
export type IndexEntry = {
  months: number;
  /** Monthly contribution base in fen. */
  baseFen: number;
  /** The average wage the base is measured against (the previous year's), monthly, in fen. */
  averageWageFen: number;
};

/** Month-weighted average index, exact; null when no months are indexed. */
export const averageIndex = (entries: readonly IndexEntry[]): Frac | null => {
  let weighted = ZERO;
  let months = 0;
  for (const e of entries) {
    if (e.months === 0) continue;
    weighted = add(weighted, mul(frac(e.months), frac(e.baseFen, e.averageWageFen)));
    months += e.months;
  }
  return months === 0 ? null : div(weighted, frac(months));
};

/** Basic pension per month in fen, exact until the final half-up rounding. */
export const basicPensionFen = (input: { pensionBaseFen: number; averageIndex: Frac; totalMonths: number }): number => {
  const indexedWage = mul(frac(input.pensionBaseFen), input.averageIndex);
  const mean = div(add(frac(input.pensionBaseFen), indexedWage), frac(2));
  // × (months / 12) years × 1 % = × months / 1200
  return roundHalfUp(mul(mean, frac(input.totalMonths, 1200)));
};
