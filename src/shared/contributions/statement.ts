import type { Fen } from '../money/fen';
import type { Ratio } from '../money/ratio';
import { compareMonths, monthIndex, monthList, monthOfYear, yearOf, type Month } from '../months';
import type { Payment, PaymentLine } from '../payment';
import { interestRatesByYear } from '../policy/pack-lookup';
import type { PolicyPack } from '../policy/pack-schema';
import type { Scheme } from '../policy/schemes';
import { yearInterest } from './interest';

/** An inclusive run of months. */
export interface MonthRange {
  readonly from: Month;
  readonly to: Month;
  readonly months: number;
}

export interface StatementYearRow {
  readonly year: number;
  readonly openingFen: Fen;
  /** Personal-account credits of the year, reversals and refunds already subtracted. */
  readonly creditsFen: Fen;
  /** The year's crediting rate from the packs, or null (the open year, or a rate not published yet). */
  readonly rate: Ratio | null;
  /** Interest credited at the end of the year (month-product method), null when there is no rate. */
  readonly interestFen: Fen | null;
  /** True for a closed year whose rate no pack carries yet: its interest is missing from the balance. */
  readonly rateMissing: boolean;
  readonly closingFen: Fen;
}

/** 对账单 of one person and scheme (issue 3 §8, ADR 014). */
export interface PersonStatement {
  readonly personId: string;
  readonly scheme: Scheme;
  /** Months paid by live contributions (window payments and confirmed declarations). */
  readonly paidRanges: readonly MonthRange[];
  /** Months declared (申报) and still waiting for the centre's confirmation: not credited yet. */
  readonly pendingRanges: readonly MonthRange[];
  readonly years: readonly StatementYearRow[];
  readonly totalCreditsFen: Fen;
  readonly totalInterestFen: Fen;
  readonly balanceFen: Fen;
  /** Some closed year has no published rate (its interest is not in the balance). */
  readonly interestIncomplete: boolean;
}

/** Consecutive months → ranges (input in any order, duplicates allowed). */
export function monthRanges(months: Iterable<Month>): MonthRange[] {
  const sorted = [...new Set(months)].sort(compareMonths);
  const out: MonthRange[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && monthIndex(m) === monthIndex(last.to) + 1) out[out.length - 1] = { from: last.from, to: m, months: last.months + 1 };
    else out.push({ from: m, to: m, months: 1 });
  }
  return out;
}

/**
 * A line's personal-account amount spread over its months: whole fen each,
 * the remainder one fen at a time to the earliest months, so the parts add
 * up to the line exactly. The account is credited for the months paid for
 * (ADR 014), which is what the month-product method weighs.
 */
export function lineCredits(line: PaymentLine, sign: 1 | -1): Array<{ month: Month; fen: Fen }> {
  const months = monthList(line.fromMonth, line.toMonth);
  const n = months.length;
  if (n === 0) return [];
  const each = Math.floor(line.personalAccountFen / n);
  const rest = line.personalAccountFen - each * n;
  return months.map((month, i) => ({ month, fen: sign * (each + (i < rest ? 1 : 0)) }));
}

/** Confirmed, or not a declaration at all: the money has been received. */
const received = (p: Payment, all: readonly Payment[]): boolean =>
  p.channel !== 'declared' || all.some((c) => c.kind === 'confirmation' && c.refId === p.id);

/**
 * The statement of one person's scheme from their payment records (any
 * kinds; other people and schemes are ignored). Credits are the lines'
 * personalAccountFen by month of contributions and top-ups whose money was
 * received; a reversal or refund subtracts its lines (the original's) in
 * the same months, so a cancelled record leaves no credit and no interest.
 * Interest per year at that year's rate from the packs (DOMAIN.md §6,
 * month-product method, yearInterest), compounding at year end, from the
 * first credited year through `throughYear` (the open year, which has no
 * interest yet) or the last year paid ahead, if later.
 * `excluded`: ids the centre refused or replaced (never money).
 */
export function personStatement(
  payments: readonly Payment[],
  packs: readonly PolicyPack[],
  query: { readonly personId: string; readonly scheme: Scheme; readonly regionCode: string; readonly throughYear: number },
  excluded: ReadonlySet<string> = new Set(),
): PersonStatement {
  const { personId, scheme, regionCode, throughYear } = query;
  const mine = payments.filter((p) => p.personId === personId && p.scheme === scheme && !excluded.has(p.id));
  const credited = new Map<string, Payment>();
  for (const p of mine) if ((p.kind === 'contribution' || p.kind === 'top_up') && received(p, mine)) credited.set(p.id, p);
  const corrections = mine.filter((p) => (p.kind === 'reversal' || p.kind === 'refund') && p.refId !== null && credited.has(p.refId));
  const cancelled = new Set(corrections.map((c) => c.refId));

  const credits = new Map<number, Fen[]>();
  const add = (month: Month, fen: Fen): void => {
    const y = yearOf(month);
    const arr = credits.get(y) ?? new Array<Fen>(12).fill(0);
    arr[monthOfYear(month) - 1] = (arr[monthOfYear(month) - 1] ?? 0) + fen;
    credits.set(y, arr);
  };
  for (const p of credited.values()) for (const l of p.lines) for (const c of lineCredits(l, 1)) add(c.month, c.fen);
  for (const p of corrections) for (const l of p.lines) for (const c of lineCredits(l, -1)) add(c.month, c.fen);

  const liveContributions = [...credited.values()].filter((p) => p.kind === 'contribution' && !cancelled.has(p.id));
  const pending = mine.filter((p) => p.kind === 'contribution' && p.channel === 'declared' && !credited.has(p.id) && !correctedBy(mine, p.id));
  const monthsOf = (ps: readonly Payment[]): Month[] => ps.flatMap((p) => p.lines.flatMap((l) => monthList(l.fromMonth, l.toMonth)));

  const rates = interestRatesByYear(packs, regionCode);
  const years: StatementYearRow[] = [];
  const creditYears = [...credits.keys()];
  let balance = 0;
  let totalCredits = 0;
  let totalInterest = 0;
  let incomplete = false;
  if (creditYears.length > 0) {
    // Months paid ahead (next year's) are shown too; only years before throughYear are closed and earn interest.
    const lastYear = Math.max(throughYear, ...creditYears);
    for (let y = Math.min(...creditYears); y <= lastYear; y++) {
      const monthly = credits.get(y) ?? new Array<Fen>(12).fill(0);
      const creditsFen = monthly.reduce((s, v) => s + v, 0);
      const rate = y < throughYear ? (rates.get(y)?.value ?? null) : null;
      const rateMissing = y < throughYear && rate === null;
      const interestFen = rate ? yearInterest(balance, monthly, rate) : null;
      const closingFen = balance + creditsFen + (interestFen ?? 0);
      years.push({ year: y, openingFen: balance, creditsFen, rate, interestFen, rateMissing, closingFen });
      totalCredits += creditsFen;
      totalInterest += interestFen ?? 0;
      incomplete ||= rateMissing;
      balance = closingFen;
    }
  }
  return {
    personId, scheme,
    paidRanges: monthRanges(monthsOf(liveContributions)),
    pendingRanges: monthRanges(monthsOf(pending)),
    years, totalCreditsFen: totalCredits, totalInterestFen: totalInterest, balanceFen: balance, interestIncomplete: incomplete,
  };
}

const correctedBy = (all: readonly Payment[], id: string): boolean => all.some((p) => (p.kind === 'reversal' || p.kind === 'refund') && p.refId === id);
