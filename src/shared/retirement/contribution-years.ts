/**
 * Contribution years: deemed (视同缴费) months, months transferred in from another region (转移接续,
 * entered from the transfer papers) plus actually paid months here. Years are cumulative
 * and a gap never resets them (DOMAIN §7). A month paid twice (e.g. a double payment awaiting
 * its refund) counts once. Everything is exact whole months internally; the one-decimal year
 * figure exists only for display and is truncated so it never overstates what was reached.
 */
import { monthFromIndex, monthIndex, type Month } from '../months';
import { toYearsMonths, type YearsMonths } from './years-months';

/** Distinct paid months, sorted. */
export const distinctMonths = (months: Iterable<Month>): Month[] =>
  [...new Set(Array.from(months, monthIndex))].sort((a, b) => a - b).map(monthFromIndex);

/** Years to one decimal, truncated (179 months → 14.9, never 15.0). Returned as tenths to stay integral. */
export const yearsTenthsTruncated = (months: number): number => Math.floor((months * 10) / 12);

export type ContributionYears = {
  deemedMonths: number;
  transferredMonths: number;
  /** Distinct months paid here (live payments only: the caller drops reversed and refunded ones). */
  actualMonths: number;
  totalMonths: number;
  total: YearsMonths;
  /** Total years in tenths, truncated: 149 means "14.9 years". */
  totalYearsTenths: number;
  minimumMonths: number;
  /** Months still needed to reach the minimum; 0 when reached. */
  monthsNeeded: number;
  minimumReached: boolean;
};

export const contributionYears = (input: {
  deemedMonths: number;
  transferredMonths?: number;
  paidMonths: Iterable<Month>;
  minimumMonths: number;
}): ContributionYears => {
  const actualMonths = distinctMonths(input.paidMonths).length;
  const transferredMonths = input.transferredMonths ?? 0;
  const totalMonths = input.deemedMonths + transferredMonths + actualMonths;
  const monthsNeeded = Math.max(0, input.minimumMonths - totalMonths);
  return {
    deemedMonths: input.deemedMonths,
    transferredMonths,
    actualMonths,
    totalMonths,
    total: toYearsMonths(totalMonths),
    totalYearsTenths: yearsTenthsTruncated(totalMonths),
    minimumMonths: input.minimumMonths,
    monthsNeeded,
    minimumReached: monthsNeeded === 0,
  };
};

export type MinimumProjection = {
  /** Months that can still be paid from `startMonth` to `retirementMonth` inclusive, skipping paid ones. */
  monthsAvailable: number;
  /** Total months at the retirement month if every available month is paid. */
  totalAtRetirement: number;
  willReachMinimum: boolean;
  /** Month in which the minimum is reached (already reached → null with `alreadyReached`). */
  reachedInMonth: Month | null;
  alreadyReached: boolean;
  /** Months still short at the retirement month if paying continuously; 0 when reached. */
  shortfallAtRetirement: number;
};

/**
 * Will the minimum be reached by the retirement month if the person pays every month from
 * `startMonth` up to and including `retirementMonth`? Months already paid are not paid again.
 */
export const projectMinimum = (input: {
  deemedMonths: number;
  transferredMonths?: number;
  paidMonths: Iterable<Month>;
  minimumMonths: number;
  startMonth: Month;
  retirementMonth: Month;
}): MinimumProjection => {
  const paid = new Set(Array.from(input.paidMonths, monthIndex));
  let total = input.deemedMonths + (input.transferredMonths ?? 0) + paid.size;
  const alreadyReached = total >= input.minimumMonths;
  let reachedInMonth: Month | null = null;
  let monthsAvailable = 0;
  const end = monthIndex(input.retirementMonth);
  for (let m = monthIndex(input.startMonth); m <= end; m++) {
    if (paid.has(m)) continue;
    monthsAvailable++;
    total++;
    if (!alreadyReached && reachedInMonth === null && total >= input.minimumMonths) reachedInMonth = monthFromIndex(m);
  }
  return {
    monthsAvailable,
    totalAtRetirement: total,
    willReachMinimum: total >= input.minimumMonths,
    reachedInMonth,
    alreadyReached,
    shortfallAtRetirement: Math.max(0, input.minimumMonths - total),
  };
};
