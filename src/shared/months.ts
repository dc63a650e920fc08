import { err, ok, type Result } from './result';

/**
 * Calendar months as 'YYYY-MM' strings (DOMAIN.md: months covered by a payment).
 * Strings compare correctly with < and > because both parts are zero-padded;
 * arithmetic goes through a month index (year × 12 + month − 1) so that no
 * Date object, time zone or day-of-month ever takes part.
 */
export type Month = string;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Years outside this range are typing errors, not history or plans. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2200;

export function isMonth(v: unknown): v is Month {
  return typeof v === 'string' && validMonth(v);
}

function validMonth(v: string): boolean {
  const m = MONTH_PATTERN.exec(v);
  if (!m) return false;
  const y = Number(m[1]);
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

/** Accepts 'YYYY-MM' and the forms clerks type: 'YYYYMM', 'YYYY/M', 'YYYY.MM'. */
export function parseMonth(raw: string): Result<Month> {
  const t = raw.trim();
  const m = /^(\d{4})[-/.]?(\d{1,2})$/.exec(t);
  if (!m || (m[2]?.length === 1 && !/[-/.]/.test(t))) return err('month.format');
  const month = `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}`;
  return isMonth(month) ? ok(month) : err('month.format');
}

function assertMonth(m: Month): void {
  if (!validMonth(m)) throw new Error(`not a month: ${m}`);
}

/** Month index: year × 12 + (month − 1). */
export function monthIndex(m: Month): number {
  assertMonth(m);
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

export function monthFromIndex(i: number): Month {
  if (!Number.isInteger(i)) throw new Error(`not a month index: ${i}`);
  const y = Math.floor(i / 12);
  const mm = i - y * 12 + 1;
  const out = `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
  assertMonth(out);
  return out;
}

export const yearOf = (m: Month): number => Math.floor(monthIndex(m) / 12);
/** 1 = January … 12 = December. */
export const monthOfYear = (m: Month): number => (monthIndex(m) % 12) + 1;

export const addMonths = (m: Month, n: number): Month => monthFromIndex(monthIndex(m) + n);

/** Months from a to b (b − a): 0 when equal, negative when b is earlier. */
export const monthDiff = (a: Month, b: Month): number => monthIndex(b) - monthIndex(a);

export function compareMonths(a: Month, b: Month): -1 | 0 | 1 {
  const d = monthIndex(a) - monthIndex(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export const minMonth = (a: Month, b: Month): Month => (compareMonths(a, b) <= 0 ? a : b);
export const maxMonth = (a: Month, b: Month): Month => (compareMonths(a, b) >= 0 ? a : b);

/** Number of months in the inclusive span from..to (0 if to is before from). */
export const monthsInclusive = (from: Month, to: Month): number => Math.max(0, monthDiff(from, to) + 1);

/** Every month of the inclusive span from..to, in order. */
export function* monthRange(from: Month, to: Month): Generator<Month> {
  const end = monthIndex(to);
  for (let i = monthIndex(from); i <= end; i++) yield monthFromIndex(i);
}

export const monthList = (from: Month, to: Month): Month[] => [...monthRange(from, to)];

export const firstMonthOfYear = (year: number): Month => monthFromIndex(year * 12);
export const lastMonthOfYear = (year: number): Month => monthFromIndex(year * 12 + 11);

/** Whether month m lies in the inclusive span from..to (to null = open-ended). */
export function monthInSpan(m: Month, from: Month, to: Month | null | undefined): boolean {
  return compareMonths(m, from) >= 0 && (to == null || compareMonths(m, to) <= 0);
}
