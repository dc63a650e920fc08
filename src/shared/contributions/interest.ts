import { toFen, type Fen } from '../money/fen';
import { roundHalfUp, type Ratio } from '../money/ratio';
import { isMonth, monthOfYear, yearOf, type Month } from '../months';
import { err, ok, type Result } from '../result';

/** A credit to the personal account in a month (negative for a reversal or refund). */
export interface AccountCredit {
  readonly month: Month;
  readonly fen: Fen;
}

/**
 * Interest of one year by the month-product method (DOMAIN.md §6):
 *   opening × r + Σ(credit of month n × (13 − n)) × r / 12
 * computed exactly as (12 × opening + Σ credit_n × (13 − n)) × r / 12 and
 * rounded half up (away from zero) to the fen once, at the end of the year.
 * A January credit earns 12/12 of the year's rate, a December credit 1/12.
 */
export function yearInterest(openingFen: Fen, creditsByMonth: readonly Fen[], rate: Ratio): Fen {
  if (creditsByMonth.length !== 12) throw new Error('creditsByMonth must have 12 entries');
  let monthProduct = BigInt(openingFen) * 12n;
  creditsByMonth.forEach((c, i) => {
    monthProduct += BigInt(c) * BigInt(12 - i);
  });
  return toFen(roundHalfUp(monthProduct * BigInt(rate.num), 12n * BigInt(rate.den)));
}

export interface StatementYear {
  readonly year: number;
  readonly openingFen: Fen;
  readonly creditsFen: Fen;
  /** null for the open year whose rate is not published yet (interest is credited at year end). */
  readonly interestFen: Fen | null;
  readonly rate: Ratio | null;
  readonly closingFen: Fen;
}

export interface AccountStatement {
  readonly years: readonly StatementYear[];
  readonly balanceFen: Fen;
  readonly totalCreditsFen: Fen;
  readonly totalInterestFen: Fen;
}

/**
 * Personal-account statement (对账单): credits by year, interest by year at
 * that year's crediting rate, compounding at year end, balance. Years run
 * from the first credit's year to throughYear. A year without a rate is an
 * error ('interest.rateMissing' {year}) except throughYear itself, which is
 * shown with credits but no interest yet.
 */
export function accountStatement(
  credits: readonly AccountCredit[],
  rates: ReadonlyMap<number, Ratio>,
  throughYear: number,
  openingBalance?: { readonly year: number; readonly fen: Fen },
): Result<AccountStatement> {
  const byYear = new Map<number, Fen[]>();
  let first = openingBalance?.year ?? Number.POSITIVE_INFINITY;
  for (const c of credits) {
    if (!isMonth(c.month)) return err('month.format', { month: c.month });
    if (!Number.isSafeInteger(c.fen)) return err('money.format');
    const y = yearOf(c.month);
    if (y > throughYear) continue;
    const arr = byYear.get(y) ?? new Array<Fen>(12).fill(0);
    arr[monthOfYear(c.month) - 1] = (arr[monthOfYear(c.month) - 1] ?? 0) + c.fen;
    byYear.set(y, arr);
    first = Math.min(first, y);
  }
  const years: StatementYear[] = [];
  let balance = openingBalance?.fen ?? 0;
  let totalCredits = 0;
  let totalInterest = 0;
  for (let y = first; y <= throughYear && Number.isFinite(first); y++) {
    const monthly = byYear.get(y) ?? new Array<Fen>(12).fill(0);
    const creditsFen = monthly.reduce((s, v) => s + v, 0);
    const rate = rates.get(y) ?? null;
    if (!rate && y !== throughYear) return err('interest.rateMissing', { year: y });
    const interestFen = rate ? yearInterest(balance, monthly, rate) : null;
    const closing = balance + creditsFen + (interestFen ?? 0);
    years.push({ year: y, openingFen: balance, creditsFen, interestFen, rate, closingFen: closing });
    totalCredits += creditsFen;
    totalInterest += interestFen ?? 0;
    balance = closing;
  }
  return ok({ years, balanceFen: balance, totalCreditsFen: totalCredits, totalInterestFen: totalInterest });
}
