/**
 * Payment-plan options (可供缴费方案选择) for one flexible worker: for each option (base level as a
 * share of the average wage; pay until retirement or only until the minimum is reached) the years
 * reached, the estimated monthly pension, the total cost, and the assumptions used.
 *
 * Projection rules (ADR 008): payment runs monthly from `startMonth` through the retirement month
 * inclusive, skipping months already paid; the average wage and the 计发基数 grow by an assumed
 * yearly rate from the start year, each year's figure rounded half up to the fen; a month's base is
 * share × that year's average wage, its cost base × contribution rate and its account credit
 * base × personal-account rate, each rounded half up to the fen (they are payment line items).
 * Every future month's index is base ÷ the same average wage, i.e. the share.
 */
import { err, ok, type Result } from '../result';
import { contributionYears, yearsTenthsTruncated, type ContributionYears } from '../retirement/contribution-years';
import { minimumContributionMonths } from '../retirement/minimum-years';
import { statutoryRetirement, type RetirementTrack, type StatutoryRetirement } from '../retirement/retirement-age';
import { fromMonthIndex, isYearMonth, monthIndex, yearOf, type YearMonth } from '../retirement/year-month';
import type { IndexEntry } from './basic-pension';
import { estimatePension } from './estimate';
import { bp, frac, mul, pow, roundHalfUp } from './fraction';
import { PAYOUT_MAX_AGE, PAYOUT_MIN_AGE, payoutMonthsTenths as payoutTenthsFor } from './payout-months';
import { projectAccount } from './personal-account';
import type { Assumption } from './plan-assumptions';

/** Pack parameters and assumptions; every figure here is data, none is a constant of the code. */
export type PlanParams = {
  /** Monthly average wage (全口径) that base levels and indexes are measured against, start year, fen [local]. */
  averageWageFen: number;
  /** 计发基数 in the start year, monthly, fen [local]. */
  pensionBaseFen: number;
  /** Assumed yearly growth of the average wage and the 计发基数, bp. */
  wageGrowthBp: number;
  /** Total contribution rate for a flexible worker, bp (2000 = 20 %, 国发〔2005〕38号). */
  contributionRateBp: number;
  /** Share of the base credited to the personal account, bp (800 = 8 %). */
  personalAccountRateBp: number;
  /** Assumed future 记账利率, bp per year. */
  creditingRateBp: number;
  /** Index credited to deemed (视同) months, bp [local]; 10000 = 1.0. */
  deemedIndexBp: number;
  /** Allowed base range as shares of the average wage, bp (6000–30000, 国办发〔2019〕13号). */
  minBaseShareBp: number;
  maxBaseShareBp: number;
};

export type PlanPerson = {
  birthMonth: YearMonth;
  track: RetirementTrack;
  /** Whether `track` came from the pack's setting (women) rather than from law (men). */
  trackFromPack: boolean;
  deemedMonths: number;
  paidMonths: readonly YearMonth[];
  /** Index entries for months already paid (base and the average wage it was measured against). */
  history: readonly IndexEntry[];
  /** Personal-account balance at the start of `startMonth`, fen; interest is counted from that month on. */
  accountBalanceFen: number;
  /** First month the plan would pay (usually the current month). */
  startMonth: YearMonth;
};

export type PlanOption = { baseShareBp: number; until: 'retirement' | 'minimum' };

export type PlanNote = 'minimumNotReached' | 'minimumAlreadyReached' | 'historyIncomplete';

export type PlanOutcome = {
  option: PlanOption;
  monthsPaid: number;
  firstPaidMonth: YearMonth | null;
  lastPaidMonth: YearMonth | null;
  totalMonths: number;
  /** Truncated to a tenth of a year: 149 = 14.9 years. */
  totalYearsTenths: number;
  reachesMinimum: boolean;
  shortfallMonths: number;
  /** Base and monthly cost in the first paid month (fen), for the handout. */
  firstMonthBaseFen: number | null;
  firstMonthCostFen: number | null;
  totalCostFen: number;
  pensionBaseAtRetirementFen: number;
  averageIndexBp: number | null;
  accountBalanceAtRetirementFen: number;
  basicPensionFen: number;
  accountPensionFen: number;
  monthlyPensionFen: number;
  notes: PlanNote[];
};

export type PlanComparison = {
  retirement: StatutoryRetirement;
  minimumMonths: number;
  current: ContributionYears;
  payoutMonthsTenths: number;
  options: PlanOutcome[];
  assumptions: Assumption[];
};

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

const validate = (person: PlanPerson, params: PlanParams, options: readonly PlanOption[]): Result<null> => {
  for (const m of [person.birthMonth, person.startMonth, ...person.paidMonths]) {
    if (!isYearMonth(m)) return err('plan.invalidMonth', { value: m });
  }
  if (!isCount(person.deemedMonths) || !isCount(person.accountBalanceFen)) return err('plan.invalidAmount');
  for (const e of person.history) {
    if (!isCount(e.months) || !isCount(e.baseFen) || !isCount(e.averageWageFen) || e.averageWageFen === 0) return err('plan.invalidAmount');
  }
  const p = params;
  const counts = [p.averageWageFen, p.pensionBaseFen, p.wageGrowthBp, p.contributionRateBp, p.personalAccountRateBp, p.creditingRateBp, p.deemedIndexBp, p.minBaseShareBp, p.maxBaseShareBp];
  if (!counts.every(isCount) || p.averageWageFen === 0) return err('plan.invalidParams');
  for (const o of options) {
    if (!isCount(o.baseShareBp) || o.baseShareBp < p.minBaseShareBp || o.baseShareBp > p.maxBaseShareBp) {
      return err('plan.baseShareOutOfRange', { share: o.baseShareBp, min: p.minBaseShareBp, max: p.maxBaseShareBp });
    }
  }
  return ok(null);
};

/** A yearly figure grown from the start year at the assumed rate, rounded half up to the fen. */
const grown = (startFen: number, growthBp: number, years: number): number =>
  years <= 0 ? startFen : roundHalfUp(mul(frac(startFen), pow(bp(10_000 + growthBp), years)));

const planOutcome = (
  person: PlanPerson,
  params: PlanParams,
  option: PlanOption,
  ctx: { retirement: StatutoryRetirement; minimumMonths: number; paid: ReadonlySet<number>; startYear: number },
): PlanOutcome => {
  const { retirement, minimumMonths, paid, startYear } = ctx;
  const alreadyMonths = person.deemedMonths + paid.size;
  let total = alreadyMonths;
  const credits = new Map<YearMonth, number>();
  const future = new Map<number, IndexEntry>();
  let totalCost = 0;
  let first: number | null = null;
  let last: number | null = null;
  let firstBase: number | null = null;
  let firstCost: number | null = null;
  const wageByYear = new Map<number, number>();
  const end = monthIndex(retirement.retirementMonth);
  for (let m = monthIndex(person.startMonth); m <= end; m++) {
    if (option.until === 'minimum' && total >= minimumMonths) break;
    if (paid.has(m)) continue;
    const year = Math.floor(m / 12);
    const wage = wageByYear.get(year) ?? grown(params.averageWageFen, params.wageGrowthBp, year - startYear);
    wageByYear.set(year, wage);
    const base = roundHalfUp(mul(frac(wage), bp(option.baseShareBp)));
    const cost = roundHalfUp(mul(frac(base), bp(params.contributionRateBp)));
    credits.set(fromMonthIndex(m), roundHalfUp(mul(frac(base), bp(params.personalAccountRateBp))));
    const entry = future.get(year);
    future.set(year, { months: (entry?.months ?? 0) + 1, baseFen: base, averageWageFen: wage });
    totalCost += cost;
    total++;
    if (first === null) {
      first = m;
      firstBase = base;
      firstCost = cost;
    }
    last = m;
  }
  const historyMonths = person.history.reduce((s, e) => s + e.months, 0);
  const indexEntries: IndexEntry[] = [
    { months: person.deemedMonths, baseFen: params.deemedIndexBp, averageWageFen: 10_000 },
    ...person.history,
    ...future.values(),
  ];
  const pensionBase = grown(params.pensionBaseFen, params.wageGrowthBp, retirement.retirementYear - startYear);
  const account = projectAccount({
    openingFen: person.accountBalanceFen,
    startMonth: person.startMonth,
    endMonth: retirement.retirementMonth,
    creditsFen: credits,
    creditingRateBp: () => params.creditingRateBp,
  });
  const estimate = estimatePension({
    pensionBaseFen: pensionBase,
    indexEntries,
    totalMonths: total,
    accountBalanceFen: account.balanceFen,
    ageMonths: retirement.ageMonths,
  });
  const notes: PlanNote[] = [];
  if (total < minimumMonths) notes.push('minimumNotReached');
  if (alreadyMonths >= minimumMonths) notes.push('minimumAlreadyReached');
  if (historyMonths !== paid.size) notes.push('historyIncomplete');
  return {
    option,
    monthsPaid: total - alreadyMonths,
    firstPaidMonth: first === null ? null : fromMonthIndex(first),
    lastPaidMonth: last === null ? null : fromMonthIndex(last),
    totalMonths: total,
    totalYearsTenths: yearsTenthsTruncated(total),
    reachesMinimum: total >= minimumMonths,
    shortfallMonths: Math.max(0, minimumMonths - total),
    firstMonthBaseFen: firstBase,
    firstMonthCostFen: firstCost,
    totalCostFen: totalCost,
    pensionBaseAtRetirementFen: pensionBase,
    averageIndexBp: estimate.averageIndexBp,
    accountBalanceAtRetirementFen: account.balanceFen,
    basicPensionFen: estimate.basicPensionFen,
    accountPensionFen: estimate.accountPensionFen,
    monthlyPensionFen: estimate.monthlyPensionFen,
    notes,
  };
};

const assumptionsFor = (person: PlanPerson, params: PlanParams, c: Omit<PlanComparison, 'options' | 'assumptions'>): Assumption[] => [
  { code: 'retirementTrack', value: person.track, unit: 'code', origin: person.trackFromPack ? 'pack' : 'law' },
  { code: 'statutoryAge', value: c.retirement.ageMonths, unit: 'months', origin: 'law' },
  { code: 'retirementMonth', value: c.retirement.retirementMonth, unit: 'yearMonth', origin: 'law' },
  { code: 'minimumMonths', value: c.minimumMonths, unit: 'months', origin: 'law' },
  { code: 'payoutMonths', value: c.payoutMonthsTenths, unit: 'tenthsOfMonth', origin: 'law' },
  { code: 'contributionRate', value: params.contributionRateBp, unit: 'bp', origin: 'law' },
  { code: 'personalAccountRate', value: params.personalAccountRateBp, unit: 'bp', origin: 'law' },
  { code: 'averageWage', value: params.averageWageFen, unit: 'fen', origin: 'pack' },
  { code: 'pensionBase', value: params.pensionBaseFen, unit: 'fen', origin: 'pack' },
  { code: 'baseShareRange', value: [params.minBaseShareBp, params.maxBaseShareBp], unit: 'bpRange', origin: 'law' },
  { code: 'deemedIndex', value: params.deemedIndexBp, unit: 'bp', origin: 'pack' },
  { code: 'wageGrowth', value: params.wageGrowthBp, unit: 'bp', origin: 'assumed' },
  { code: 'creditingRate', value: params.creditingRateBp, unit: 'bp', origin: 'assumed' },
  { code: 'startMonth', value: person.startMonth, unit: 'yearMonth', origin: 'person' },
  { code: 'accountBalance', value: person.accountBalanceFen, unit: 'fen', origin: 'person' },
  { code: 'deemedMonths', value: c.current.deemedMonths, unit: 'months', origin: 'person' },
  { code: 'actualMonths', value: c.current.actualMonths, unit: 'months', origin: 'person' },
  { code: 'paysThroughRetirementMonth', value: null, unit: 'none', origin: 'assumed' },
  { code: 'futureIndexEqualsShare', value: null, unit: 'none', origin: 'assumed' },
  { code: 'noTransitionalPension', value: null, unit: 'none', origin: 'assumed' },
  { code: 'noBackPay', value: null, unit: 'none', origin: 'assumed' },
];

/** Compare payment-plan options for one person. Deterministic: same inputs, same output. */
export const comparePlans = (
  person: PlanPerson,
  params: PlanParams,
  options: readonly PlanOption[],
): Result<PlanComparison> => {
  const valid = validate(person, params, options);
  if (!valid.ok) return valid;
  const retirement = statutoryRetirement(person.track, person.birthMonth);
  if (retirement.ageMonths < PAYOUT_MIN_AGE * 12 || retirement.ageMonths > PAYOUT_MAX_AGE * 12) {
    return err('plan.ageOutsidePayoutTable', { ageMonths: retirement.ageMonths });
  }
  const minimumMonths = minimumContributionMonths(retirement.retirementYear);
  const current = contributionYears({ deemedMonths: person.deemedMonths, paidMonths: person.paidMonths, minimumMonths });
  const paid = new Set(person.paidMonths.map(monthIndex));
  const ctx = { retirement, minimumMonths, paid, startYear: yearOf(person.startMonth) };
  const outcomes = options.map((o) => planOutcome(person, params, o, ctx));
  const payoutMonthsTenths = payoutTenthsFor(retirement.ageMonths);
  const base = { retirement, minimumMonths, current, payoutMonthsTenths };
  return ok({ ...base, options: outcomes, assumptions: assumptionsFor(person, params, base) });
};
