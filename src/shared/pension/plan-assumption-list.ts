/**
 * The assumptions list of a plan comparison (see plan-assumptions.ts for the shape): what the
 * handout must state so the person can tell law from local policy from our estimates.
 */
import type { ContributionYears } from '../retirement/contribution-years';
import type { RetirementTrack, StatutoryRetirement } from '../retirement/retirement-age';
import type { BackPayRule } from './back-pay-window';
import type { Assumption } from './plan-assumptions';

/** The parts of PlanPerson / PlanParams (payment-options.ts) stated here; structural, so no import cycle. */
type PersonFacts = { track: RetirementTrack; trackFromPack: boolean; startMonth: string; accountBalanceFen: number };
type ParamFacts = {
  contributionRateBp: number; personalAccountRateBp: number; averageWageFen: number; pensionBaseFen: number;
  minBaseShareBp: number; maxBaseShareBp: number; deemedIndexBp: number; wageGrowthBp: number; creditingRateBp: number;
  transferredIndexBp?: number; backPayment?: BackPayRule | null;
};

type Facts = { retirement: StatutoryRetirement; minimumMonths: number; current: ContributionYears; payoutMonthsTenths: number; backPayableMonths: readonly string[] };

export const assumptionsFor = (person: PersonFacts, params: ParamFacts, c: Facts): Assumption[] => {
  const list: Assumption[] = [
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
    { code: 'transferredMonths', value: c.current.transferredMonths, unit: 'months', origin: 'person' },
    { code: 'actualMonths', value: c.current.actualMonths, unit: 'months', origin: 'person' },
  ];
  if (c.current.transferredMonths > 0) {
    list.push({ code: 'transferredIndex', value: params.transferredIndexBp ?? 10_000, unit: 'bp', origin: 'assumed' });
  }
  const first = c.backPayableMonths[0];
  if (params.backPayment?.allowed === true && first !== undefined) {
    list.push({ code: 'backPayFrom', value: first, unit: 'yearMonth', origin: 'pack' });
    list.push({ code: 'backPayAtCurrentBase', value: null, unit: 'none', origin: 'assumed' });
  } else {
    list.push({ code: 'noBackPay', value: null, unit: 'none', origin: params.backPayment ? 'pack' : 'assumed' });
  }
  list.push(
    { code: 'paysThroughRetirementMonth', value: null, unit: 'none', origin: 'assumed' },
    { code: 'futureIndexEqualsShare', value: null, unit: 'none', origin: 'assumed' },
    { code: 'noTransitionalPension', value: null, unit: 'none', origin: 'assumed' },
  );
  return list;
};
