/**
 * Calendar months as 'YYYY-MM' strings and as month indexes (year × 12 + month − 1), so that
 * month arithmetic is integer arithmetic. Kept local to retirement/pension because no shared
 * month module existed when this was written; replace with one if the project adds it.
 */
import { err, ok, type Result } from '../result';

export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isYearMonth = (s: string): boolean => YEAR_MONTH.test(s);

export const parseYearMonth = (s: string): Result<{ year: number; month: number }> => {
  const m = YEAR_MONTH.exec(s);
  if (!m) return err('month.format', { value: s });
  return ok({ year: Number(m[1]), month: Number(m[2]) });
};

/** Month index of a valid 'YYYY-MM'; throws on malformed input (callers validate at the boundary). */
export const monthIndex = (ym: YearMonth): number => {
  const p = parseYearMonth(ym);
  if (!p.ok) throw new RangeError(`not a YYYY-MM month: ${ym}`);
  return p.value.year * 12 + p.value.month - 1;
};

export const fromMonthIndex = (index: number): YearMonth => {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
};

export const addMonths = (ym: YearMonth, n: number): YearMonth => fromMonthIndex(monthIndex(ym) + n);

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export const monthsBetween = (from: YearMonth, to: YearMonth): number => monthIndex(to) - monthIndex(from);

export const yearOf = (ym: YearMonth): number => Math.floor(monthIndex(ym) / 12);

/** Month number 1–12. */
export const monthOf = (ym: YearMonth): number => (monthIndex(ym) % 12) + 1;

/** A span of whole months expressed as years and months, e.g. 723 → { years: 60, months: 3 }. */
export type YearsMonths = { years: number; months: number };

export const toYearsMonths = (totalMonths: number): YearsMonths => ({
  years: Math.floor(totalMonths / 12),
  months: totalMonths % 12,
});
