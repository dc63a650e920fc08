/**
 * Personal account (个人账户): growth by credits and yearly interest, and its pension.
 *
 * Interest follows DOMAIN §6's month-product method: within one calendar year, a credit made in
 * month n earns (last counted month − n + 1) months of interest and the opening balance earns
 * every counted month, all at rate r / 12. Interest is rounded half up to the fen once per year
 * (it is a line on the person's account statement), then joins the balance. In the retirement
 * year the count stops at the retirement month.
 */
import { add, bp, frac, mul, roundHalfUp, type Frac } from './fraction';
import { monthFromIndex, monthIndex, type Month } from '../months';

export type AccountProjection = {
  balanceFen: number;
  creditsFen: number;
  interestFen: number;
  /** Interest added per calendar year, for the handout. */
  interestByYear: { year: number; interestFen: number }[];
};

/**
 * Balance at the end of `endMonth` given the balance before `startMonth` (no interest yet for
 * that year), credits by month (fen), and the crediting rate per year in basis points.
 */
export const projectAccount = (input: {
  openingFen: number;
  startMonth: Month;
  endMonth: Month;
  creditsFen: ReadonlyMap<Month, number>;
  creditingRateBp: (year: number) => number;
}): AccountProjection => {
  const start = monthIndex(input.startMonth);
  const end = monthIndex(input.endMonth);
  let balance = input.openingFen;
  let creditsTotal = 0;
  let interestTotal = 0;
  const interestByYear: { year: number; interestFen: number }[] = [];
  let m = start;
  while (m <= end) {
    const year = Math.floor(m / 12);
    const last = Math.min(end, year * 12 + 11);
    // Month-product: Σ amount × months earning, exact; × r/12 at the end of the year.
    let monthProduct: Frac = mul(frac(balance), frac(last - m + 1));
    let credited = 0;
    for (let i = m; i <= last; i++) {
      const c = input.creditsFen.get(monthFromIndex(i)) ?? 0;
      if (c === 0) continue;
      credited += c;
      monthProduct = add(monthProduct, frac(c * (last - i + 1)));
    }
    const interest = roundHalfUp(mul(monthProduct, mul(bp(input.creditingRateBp(year)), frac(1, 12))));
    balance += credited + interest;
    creditsTotal += credited;
    interestTotal += interest;
    interestByYear.push({ year, interestFen: interest });
    m = last + 1;
  }
  return { balanceFen: balance, creditsFen: creditsTotal, interestFen: interestTotal, interestByYear };
};

/** Personal-account pension per month: balance ÷ 计发月数 (given in tenths), half up to the fen. */
export const accountPensionFen = (balanceFen: number, payoutTenths: number): number =>
  payoutTenths <= 0 ? 0 : roundHalfUp(mul(frac(balanceFen), frac(10, payoutTenths)));
