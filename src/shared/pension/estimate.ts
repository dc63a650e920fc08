/**
 * Monthly pension estimate at retirement: basic pension + personal-account pension (DOMAIN §8).
 * Each part is rounded half up to the fen at its own last step; the total is their sum, so the
 * handout's lines always add up.
 */
import { averageIndex, basicPensionFen, type IndexEntry } from './basic-pension';
import { accountPensionFen } from './personal-account';
import { payoutMonthsTenths } from './payout-months';
import { roundHalfUp, mul, frac } from './fraction';

export type PensionEstimate = {
  basicPensionFen: number;
  accountPensionFen: number;
  monthlyPensionFen: number;
  /** 计发月数 in tenths (1384 = 138.4). */
  payoutMonthsTenths: number;
  /** Average contribution index in basis points, half up (10000 = 1.0); null when no month is indexed. */
  averageIndexBp: number | null;
};

export const estimatePension = (input: {
  /** 计发基数 at retirement, monthly, fen [local]. */
  pensionBaseFen: number;
  /** Index entries for every contributed or deemed month. */
  indexEntries: readonly IndexEntry[];
  /** Deemed + actual months. */
  totalMonths: number;
  accountBalanceFen: number;
  /** Age at retirement in months (statutory age from the 2025 reform, or actual). */
  ageMonths: number;
}): PensionEstimate => {
  const avg = averageIndex(input.indexEntries);
  const basic = avg === null ? 0 : basicPensionFen({ pensionBaseFen: input.pensionBaseFen, averageIndex: avg, totalMonths: input.totalMonths });
  const tenths = payoutMonthsTenths(input.ageMonths);
  const account = accountPensionFen(input.accountBalanceFen, tenths);
  return {
    basicPensionFen: basic,
    accountPensionFen: account,
    monthlyPensionFen: basic + account,
    payoutMonthsTenths: tenths,
    averageIndexBp: avg === null ? null : roundHalfUp(mul(avg, frac(10_000))),
  };
};
