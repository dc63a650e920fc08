/**
 * Plan parameters from the region's policy pack in force at the start month, plus the two stated
 * assumptions the clerk may change (wage growth, future crediting rate). Figures the pack does not
 * carry (packs signed before issue 4) fall back to a documented default and are reported in
 * `missing`, so the screen can say which numbers are not from the pack.
 */
import type { Ratio } from '../money/ratio';
import type { PolicyPack } from '../policy/pack-schema';
import type { BackPayRule } from './back-pay-window';
import type { PlanParams } from './payment-options';

/** 国办发〔2019〕13号: the base is chosen between 60 % and 300 % of the average wage (law, not pack). */
export const BASE_SHARE_RANGE_BP = [6000, 30_000] as const;
/** The base levels shown side by side (issue 4 §6). */
export const STANDARD_SHARES_BP = [6000, 10_000, 15_000, 30_000] as const;

export type PackGap = 'pensionBase' | 'deemedIndex' | 'femaleRetirementTrack';

const toBp = (r: Ratio): number => Math.round((r.num * 10_000) / r.den);

export const planParamsFromPack = (
  pack: PolicyPack,
  assumed: { wageGrowthBp: number; creditingRateBp: number },
): { params: PlanParams; femaleTrack: 'female55' | 'female50'; missing: PackGap[] } => {
  const missing: PackGap[] = [];
  if (!pack.pensionBase) missing.push('pensionBase');
  if (!pack.deemedIndex) missing.push('deemedIndex');
  if (!pack.femaleRetirementTrack) missing.push('femaleRetirementTrack');
  const rule = pack.backPayment.value;
  const backPayment: BackPayRule = {
    allowed: rule.allowed,
    maxMonthsBack: rule.maxMonthsBack,
    sameYearOnly: rule.sameYearOnly,
    interest: rule.interest,
    lateFee: rule.lateFeePerDay !== null && rule.lateFeePerDay.num > 0,
  };
  return {
    params: {
      averageWageFen: pack.averageWage.value,
      // Default when absent: the 计发基数 is normally the previous year's average wage, the figure the pack's limits use.
      pensionBaseFen: pack.pensionBase?.value ?? pack.averageWage.value,
      wageGrowthBp: assumed.wageGrowthBp,
      contributionRateBp: toBp(pack.employeePension.value.rate),
      personalAccountRateBp: toBp(pack.employeePension.value.personalAccount),
      creditingRateBp: assumed.creditingRateBp,
      deemedIndexBp: pack.deemedIndex ? toBp(pack.deemedIndex.value) : 10_000,
      minBaseShareBp: BASE_SHARE_RANGE_BP[0],
      maxBaseShareBp: BASE_SHARE_RANGE_BP[1],
      backPayment,
    },
    femaleTrack: pack.femaleRetirementTrack?.value ?? 'female55',
    missing,
  };
};
