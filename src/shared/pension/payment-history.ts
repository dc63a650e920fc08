/**
 * What the payment records say about a person's employee-pension contributions, in the shape the
 * plan needs (ADR 008): distinct paid months, contribution-index entries, personal-account credits
 * by month, and the account balance at the start of a year.
 *
 * Only live money counts: a contribution that a reversal (冲正) or refund (退费) points at is
 * dropped (corrections/correction-effects.ts decides, the same rule as the payments card), and the
 * caller may drop more (records the centre refused). A month paid twice counts once for years and
 * index; the account takes every live credit, because a double payment's money sits in the
 * account until its refund is recorded.
 */
import { accountStatement } from '../contributions/interest';
import { correctionsByTarget } from '../corrections/correction-effects';
import { ratio, type Ratio } from '../money/ratio';
import { compareMonths, firstMonthOfYear, monthList, yearOf, type Month } from '../months';
import type { Payment } from '../payment';
import { findPackVersion, interestRatesByYear, packForMonth } from '../policy/pack-lookup';
import type { PolicyPack } from '../policy/pack-schema';
import type { Scheme } from '../policy/schemes';
import type { IndexEntry } from './basic-pension';

export type PaymentHistory = {
  /** Distinct months paid, sorted. */
  paidMonths: Month[];
  /** Index entries grouped by (base, average wage); months without a known pack are left out. */
  history: IndexEntry[];
  creditsByMonth: Map<Month, number>;
};

/** Splits an amount over n months exactly (no fen lost): month i gets ⌊a(i+1)/n⌋ − ⌊ai/n⌋. */
const spread = (amount: number, n: number, i: number): number => Math.floor((amount * (i + 1)) / n) - Math.floor((amount * i) / n);

export const paymentHistory = (
  payments: readonly Payment[],
  packs: readonly PolicyPack[],
  options: { scheme: Scheme; excludeIds?: ReadonlySet<string> },
): PaymentHistory => {
  const corrected = correctionsByTarget(payments);
  const live = payments
    .filter((p) => p.scheme === options.scheme && (p.kind === 'contribution' || p.kind === 'top_up'))
    .filter((p) => !corrected.has(p.id) && options.excludeIds?.has(p.id) !== true)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const paid = new Set<Month>();
  const groups = new Map<string, IndexEntry>();
  const credits = new Map<Month, number>();
  for (const p of live) {
    for (const line of p.lines) {
      const months = monthList(line.fromMonth, line.toMonth);
      months.forEach((m, i) => {
        credits.set(m, (credits.get(m) ?? 0) + spread(line.personalAccountFen, months.length, i));
        // A 补差 raises money, not months: only contributions add months and index entries.
        if (p.kind !== 'contribution' || paid.has(m)) return;
        paid.add(m);
        const pack = findPackVersion(packs, p.regionCode, line.packVersion) ?? packForMonth(packs, p.regionCode, m);
        if (line.baseFen === null || !pack || pack.averageWage.value === 0) return;
        const key = `${line.baseFen}/${pack.averageWage.value}`;
        const g = groups.get(key);
        groups.set(key, { months: (g?.months ?? 0) + 1, baseFen: line.baseFen, averageWageFen: pack.averageWage.value });
      });
    }
  }
  return { paidMonths: [...paid].sort(compareMonths), history: [...groups.values()], creditsByMonth: credits };
};

export type AccountAtYearStart = {
  /** Balance at the start of `year`: earlier credits with each year's interest. */
  openingFen: number;
  /** Credits for months from January of `year` on. */
  creditsFromYear: Map<Month, number>;
  /** Years whose crediting rate is not in any pack, counted at the assumed rate instead. */
  assumedRateYears: number[];
};

/**
 * Splits credits at January of `year`: the months before become an opening balance with interest
 * at each year's published rate (the packs' interestRates, DOMAIN §6), or `assumedRateBp` for a
 * year no pack has yet; the rest stay credits for the projection.
 */
export const accountAtYearStart = (
  credits: ReadonlyMap<Month, number>,
  packs: readonly PolicyPack[],
  regionCode: string,
  year: number,
  assumedRateBp: number,
): AccountAtYearStart => {
  const start = firstMonthOfYear(year);
  const before = [...credits].filter(([m]) => compareMonths(m, start) < 0).map(([month, fen]) => ({ month, fen }));
  const creditsFromYear = new Map([...credits].filter(([m]) => compareMonths(m, start) >= 0));
  if (before.length === 0) return { openingFen: 0, creditsFromYear, assumedRateYears: [] };
  const published = interestRatesByYear(packs, regionCode);
  const rates = new Map<number, Ratio>();
  const assumedRateYears: number[] = [];
  const firstYear = Math.min(...before.map((c) => yearOf(c.month)));
  for (let y = firstYear; y < year; y++) {
    const r = published.get(y);
    if (r) rates.set(y, r.value);
    else {
      rates.set(y, ratio(assumedRateBp, 10_000));
      assumedRateYears.push(y);
    }
  }
  const statement = accountStatement(before, rates, year - 1);
  // Every year has a rate and every month is valid, so the statement cannot fail; stay total anyway.
  return { openingFen: statement.ok ? statement.value.balanceFen : 0, creditsFromYear, assumedRateYears };
};
