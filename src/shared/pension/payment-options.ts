/**
 * Payment-plan options (可供缴费方案选择) for one flexible worker: for each option (base level as a
 * share of the average wage; pay until retirement or only until the minimum is reached; with or
 * without back-pay where the pack allows it) the years reached, the estimated monthly pension, the
 * total cost, and the assumptions used.
 *
 * Projection rules (ADR 008): payment runs monthly from `startMonth` through the retirement month
 * inclusive, skipping months already paid; the average wage and the 计发基数 grow by an assumed
 * yearly rate from the start year, each year's figure rounded half up to the fen; a month's base is
 * share × that year's average wage, its cost base × contribution rate and its account credit
 * base × personal-account rate, each rounded half up to the fen (they are payment line items).
 * Every future month's index is base ÷ the same average wage, i.e. the share. Back-paid months
 * are paid first, at the start year's wage; the account is projected from January of the start year.
 */
import { compareMonths, firstMonthOfYear, isMonth, maxMonth, monthFromIndex, monthIndex, yearOf, type Month } from '../months';
import { err, ok, type Result } from '../result';
import { contributionYears, yearsTenthsTruncated, type ContributionYears } from '../retirement/contribution-years';
import { minimumContributionMonths } from '../retirement/minimum-years';
import { statutoryRetirement, type RetirementTrack, type StatutoryRetirement } from '../retirement/retirement-age';
import { backPayableMonths, type BackPayRule } from './back-pay-window';
import type { IndexEntry } from './basic-pension';
import { estimatePension } from './estimate';
import { bp, frac, mul, pow, roundHalfUp } from './fraction';
import { PAYOUT_MAX_AGE, PAYOUT_MIN_AGE, payoutMonthsTenths as payoutTenthsFor } from './payout-months';
import { projectAccount } from './personal-account';
import { assumptionsFor } from './plan-assumption-list';
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
  /** Index assumed for months transferred in from another region (their bases are not on record); default 1.0. */
  transferredIndexBp?: number;
  /** Allowed base range as shares of the average wage, bp (6000–30000, 国办发〔2019〕13号). */
  minBaseShareBp: number;
  maxBaseShareBp: number;
  /** The region's back-payment rule (pack `backPayment`); absent = no back-pay option. */
  backPayment?: BackPayRule | null;
};

export type PlanPerson = {
  birthMonth: Month;
  track: RetirementTrack;
  /** Whether `track` came from the pack's setting (women) rather than from law (men). */
  trackFromPack: boolean;
  deemedMonths: number;
  /** Months transferred in (转移接续) from another region, entered from the transfer papers. */
  transferredMonths?: number;
  paidMonths: readonly Month[];
  /** Index entries for months already paid (base and the average wage it was measured against). */
  history: readonly IndexEntry[];
  /** Personal-account balance at the start of the start year (after the previous year's interest), fen. */
  accountBalanceFen: number;
  /** Credits already made for months from January of the start year on (payments on record), fen by month. */
  accountCreditsFen?: ReadonlyMap<Month, number>;
  /** First month the plan would pay (usually the current month). */
  startMonth: Month;
};

export type PlanOption = { baseShareBp: number; until: 'retirement' | 'minimum'; backPay?: boolean };

export type PlanNote = 'minimumNotReached' | 'minimumAlreadyReached' | 'historyIncomplete' | 'lateFeeNotIncluded' | 'nothingToBackPay';

export type PlanOutcome = {
  option: PlanOption;
  /** Months this plan pays, back-paid ones included. */
  monthsPaid: number;
  firstPaidMonth: Month | null;
  lastPaidMonth: Month | null;
  /** Back-paid (补缴) months among `monthsPaid` and what they cost (interest included). */
  backPaidMonths: number;
  backPayCostFen: number;
  backPayInterestFen: number;
  totalMonths: number;
  /** Truncated to a tenth of a year: 149 = 14.9 years. */
  totalYearsTenths: number;
  reachesMinimum: boolean;
  shortfallMonths: number;
  /** Base and monthly cost in the first month paid from the start month on (fen), for the handout. */
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
  /** Months the pack's rule lets this person back-pay now (empty when none or not allowed). */
  backPayableMonths: Month[];
  options: PlanOutcome[];
  assumptions: Assumption[];
};

const isCount = (n: number | undefined): boolean => n === undefined || (Number.isSafeInteger(n) && n >= 0);

const validate = (person: PlanPerson, params: PlanParams, options: readonly PlanOption[]): Result<null> => {
  for (const m of [person.birthMonth, person.startMonth, ...person.paidMonths, ...(person.accountCreditsFen?.keys() ?? [])]) {
    if (!isMonth(m)) return err('plan.invalidMonth', { value: m });
  }
  const credits = [...(person.accountCreditsFen?.values() ?? [])];
  if (![person.deemedMonths, person.transferredMonths, person.accountBalanceFen, ...credits].every(isCount)) return err('plan.invalidAmount');
  for (const e of person.history) {
    if (!isCount(e.months) || !isCount(e.baseFen) || !isCount(e.averageWageFen) || e.averageWageFen === 0) return err('plan.invalidAmount');
  }
  const p = params;
  const counts = [p.averageWageFen, p.pensionBaseFen, p.wageGrowthBp, p.contributionRateBp, p.personalAccountRateBp, p.creditingRateBp, p.deemedIndexBp, p.transferredIndexBp, p.minBaseShareBp, p.maxBaseShareBp];
  if (!counts.every(isCount) || p.averageWageFen === 0) return err('plan.invalidParams');
  for (const o of options) {
    if (!isCount(o.baseShareBp) || o.baseShareBp < p.minBaseShareBp || o.baseShareBp > p.maxBaseShareBp) {
      return err('plan.baseShareOutOfRange', { share: o.baseShareBp, min: p.minBaseShareBp, max: p.maxBaseShareBp });
    }
    if (o.backPay === true && p.backPayment?.allowed !== true) return err('plan.backPayNotAllowed');
  }
  return ok(null);
};

/** A yearly figure grown from the start year at the assumed rate, rounded half up to the fen. */
const grown = (startFen: number, growthBp: number, years: number): number =>
  years <= 0 ? startFen : roundHalfUp(mul(frac(startFen), pow(bp(10_000 + growthBp), years)));

type Ctx = { retirement: StatutoryRetirement; minimumMonths: number; paid: ReadonlySet<number>; startYear: number; backPayable: readonly Month[] };

const planOutcome = (person: PlanPerson, params: PlanParams, option: PlanOption, ctx: Ctx): PlanOutcome => {
  const { retirement, minimumMonths, paid, startYear } = ctx;
  const alreadyMonths = person.deemedMonths + (person.transferredMonths ?? 0) + paid.size;
  let total = alreadyMonths;
  const credits = new Map<Month, number>(person.accountCreditsFen ?? []);
  const credit = (m: Month, fen: number): void => {
    credits.set(m, (credits.get(m) ?? 0) + fen);
  };
  const future = new Map<number, IndexEntry>();
  const index = (year: number, base: number, wage: number): void => {
    const entry = future.get(year);
    future.set(year, { months: (entry?.months ?? 0) + 1, baseFen: base, averageWageFen: wage });
  };
  let totalCost = 0;
  let first: Month | null = null;
  let last: Month | null = null;
  let firstBase: number | null = null;
  let firstCost: number | null = null;
  const notes: PlanNote[] = [];

  // Back-pay first (oldest month first), at the start year's wage: the money is paid now.
  let backMonths = 0;
  let backCost = 0;
  let backInterest = 0;
  if (option.backPay === true) {
    const rule = params.backPayment;
    if (ctx.backPayable.length === 0) notes.push('nothingToBackPay');
    if (rule?.lateFee === true) notes.push('lateFeeNotIncluded');
    const base = roundHalfUp(mul(frac(params.averageWageFen), bp(option.baseShareBp)));
    const cost = roundHalfUp(mul(frac(base), bp(params.contributionRateBp)));
    const accountPart = roundHalfUp(mul(frac(base), bp(params.personalAccountRateBp)));
    for (const m of ctx.backPayable) {
      if (option.until === 'minimum' && total >= minimumMonths) break;
      // Interest on a late month (pack rule 'account_rate'): simple, for the months elapsed, at the assumed rate.
      const elapsed = monthIndex(person.startMonth) - monthIndex(m);
      const interest = rule?.interest === 'account_rate' ? roundHalfUp(mul(frac(cost * elapsed, 12), bp(params.creditingRateBp))) : 0;
      // Credited when paid: a month before the projection window is credited in its first month.
      credit(maxMonth(m, firstMonthOfYear(startYear)), accountPart);
      index(yearOf(m), base, params.averageWageFen);
      backMonths++;
      backCost += cost + interest;
      backInterest += interest;
      total++;
      first ??= m;
      last = m;
    }
  }

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
    credit(monthFromIndex(m), roundHalfUp(mul(frac(base), bp(params.personalAccountRateBp))));
    index(year, base, wage);
    totalCost += cost;
    total++;
    first ??= monthFromIndex(m);
    if (firstBase === null) {
      firstBase = base;
      firstCost = cost;
    }
    last = monthFromIndex(m);
  }
  const historyMonths = person.history.reduce((s, e) => s + e.months, 0);
  const indexEntries: IndexEntry[] = [
    { months: person.deemedMonths, baseFen: params.deemedIndexBp, averageWageFen: 10_000 },
    { months: person.transferredMonths ?? 0, baseFen: params.transferredIndexBp ?? 10_000, averageWageFen: 10_000 },
    ...person.history,
    ...future.values(),
  ];
  const pensionBase = grown(params.pensionBaseFen, params.wageGrowthBp, retirement.retirementYear - startYear);
  const projectionStart = firstMonthOfYear(startYear);
  const account = compareMonths(projectionStart, retirement.retirementMonth) <= 0
    ? projectAccount({
        openingFen: person.accountBalanceFen,
        startMonth: projectionStart,
        endMonth: retirement.retirementMonth,
        creditsFen: credits,
        creditingRateBp: () => params.creditingRateBp,
      })
    : { balanceFen: person.accountBalanceFen };
  const estimate = estimatePension({
    pensionBaseFen: pensionBase,
    indexEntries,
    totalMonths: total,
    accountBalanceFen: account.balanceFen,
    ageMonths: retirement.ageMonths,
  });
  if (total < minimumMonths) notes.unshift('minimumNotReached');
  if (alreadyMonths >= minimumMonths) notes.push('minimumAlreadyReached');
  if (historyMonths !== paid.size) notes.push('historyIncomplete');
  return {
    option,
    monthsPaid: total - alreadyMonths,
    firstPaidMonth: first,
    lastPaidMonth: last,
    backPaidMonths: backMonths,
    backPayCostFen: backCost,
    backPayInterestFen: backInterest,
    totalMonths: total,
    totalYearsTenths: yearsTenthsTruncated(total),
    reachesMinimum: total >= minimumMonths,
    shortfallMonths: Math.max(0, minimumMonths - total),
    firstMonthBaseFen: firstBase,
    firstMonthCostFen: firstCost,
    totalCostFen: totalCost + backCost,
    pensionBaseAtRetirementFen: pensionBase,
    averageIndexBp: estimate.averageIndexBp,
    accountBalanceAtRetirementFen: account.balanceFen,
    basicPensionFen: estimate.basicPensionFen,
    accountPensionFen: estimate.accountPensionFen,
    monthlyPensionFen: estimate.monthlyPensionFen,
    notes,
  };
};

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
  const current = contributionYears({
    deemedMonths: person.deemedMonths,
    transferredMonths: person.transferredMonths ?? 0,
    paidMonths: person.paidMonths,
    minimumMonths,
  });
  const paidSet = new Set(person.paidMonths);
  const backPayable = params.backPayment ? backPayableMonths(params.backPayment, person.startMonth, person.birthMonth, paidSet) : [];
  const paid = new Set(person.paidMonths.map(monthIndex));
  const ctx: Ctx = { retirement, minimumMonths, paid, startYear: yearOf(person.startMonth), backPayable };
  const outcomes = options.map((o) => planOutcome(person, params, o, ctx));
  const payoutMonthsTenths = payoutTenthsFor(retirement.ageMonths);
  const base = { retirement, minimumMonths, current, payoutMonthsTenths, backPayableMonths: backPayable };
  return ok({ ...base, options: outcomes, assumptions: assumptionsFor(person, params, base) });
};
