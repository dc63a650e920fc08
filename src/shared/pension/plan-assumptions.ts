/**
 * The assumptions behind a payment-plan comparison, as structured data: the UI prints each one
 * through i18n (`plan.assumption.<code>`), formatting `value` by `unit`, and marks its origin so
 * the person can tell law from local policy from our guesses (DOMAIN §8: "state the assumptions").
 */
export type AssumptionCode =
  | 'retirementTrack'
  | 'statutoryAge'
  | 'retirementMonth'
  | 'minimumMonths'
  | 'payoutMonths'
  | 'contributionRate'
  | 'personalAccountRate'
  | 'averageWage'
  | 'pensionBase'
  | 'baseShareRange'
  | 'deemedIndex'
  | 'wageGrowth'
  | 'creditingRate'
  | 'startMonth'
  | 'accountBalance'
  | 'deemedMonths'
  | 'transferredMonths'
  | 'transferredIndex'
  | 'actualMonths'
  | 'backPayFrom'
  | 'backPayAtCurrentBase'
  | 'paysThroughRetirementMonth'
  | 'futureIndexEqualsShare'
  | 'noTransitionalPension'
  | 'noBackPay';

export type AssumptionUnit = 'fen' | 'bp' | 'months' | 'tenthsOfMonth' | 'yearMonth' | 'bpRange' | 'code' | 'none';

/** law = national rule; pack = regional policy pack [local]; person = the person's record; assumed = our estimate. */
export type AssumptionOrigin = 'law' | 'pack' | 'person' | 'assumed';

export type Assumption = {
  code: AssumptionCode;
  /** Number in `unit`, a 'YYYY-MM', a code such as a track name, or a [min, max] pair for ranges. */
  value: number | string | readonly [number, number] | null;
  unit: AssumptionUnit;
  origin: AssumptionOrigin;
};
