import { bp } from '../money/ratio';
import { mulRound, type Fen } from '../money/fen';
import { compareMonths, maxMonth, monthsInclusive, type Month } from '../months';
import type { TransferScheme } from '../records';

/**
 * The pooled-fund part of a pension transfer (国办发〔2009〕66号, DOMAIN.md §7): 12% of the actual
 * contribution base of every month paid since 1998-01 (partial years by month). A national rule,
 * the same in every region, so it is a constant here and not pack data (ADR 018).
 */
export const POOLED_FUND_RATE_BP = 1200;
/** Months before this one moved no pooled fund. */
export const POOLED_FUND_FIRST_MONTH: Month = '1998-01';

export interface PooledFundCheck {
  /** False for the medical scheme: its pooled fund stays where it was paid. */
  readonly applicable: boolean;
  /** Months of [from, to] from 1998-01 on: the months whose bases the sum should cover. */
  readonly monthsCounted: number;
  /** 12% × the sum of the bases, rounded half up to the fen once. */
  readonly expectedFen: Fen;
  /** Entered minus expected. */
  readonly differenceFen: Fen;
  /**
   * Within rounding: the transferring office may round each month to the fen, so up to one fen per
   * counted month is not a difference. Outside it the form warns; it never refuses (the papers rule).
   */
  readonly matches: boolean;
}

export interface PooledFundInput {
  readonly scheme: TransferScheme;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  /** Months actually paid in the span (gaps excluded); caps the rounding allowance. */
  readonly monthsPaid: number;
  /** Sum of the monthly bases of the paid months since 1998-01, fen. */
  readonly baseTotalFen: Fen;
  /** The pooled-fund amount on the papers, fen. */
  readonly pooledFundFen: Fen;
}

export function pooledFundCheck(input: PooledFundInput): PooledFundCheck {
  const start = maxMonth(input.fromMonth, POOLED_FUND_FIRST_MONTH);
  const monthsCounted = compareMonths(start, input.toMonth) <= 0 ? monthsInclusive(start, input.toMonth) : 0;
  if (input.scheme !== 'employee_pension') {
    return { applicable: false, monthsCounted, expectedFen: 0, differenceFen: 0, matches: true };
  }
  const expectedFen = mulRound(input.baseTotalFen, bp(POOLED_FUND_RATE_BP));
  const differenceFen = input.pooledFundFen - expectedFen;
  const allowance = Math.min(monthsCounted, input.monthsPaid);
  return { applicable: true, monthsCounted, expectedFen, differenceFen, matches: Math.abs(differenceFen) <= allowance };
}
