/**
 * Which past months a payment plan may back-pay (补缴) under the region's rule (DOMAIN §7: "back-pay
 * allowed?, how far back, interest rule, late-fee rule" per region; the same rule the payment form
 * enforces in contributions/contribution-calc.ts). Pure month arithmetic on 'YYYY-MM'.
 */
import { addMonths, compareMonths, firstMonthOfYear, maxMonth, monthList, yearOf, type Month } from '../months';

/** The pack's backPayment value, narrowed to what a plan needs. */
export type BackPayRule = {
  allowed: boolean;
  /** How many months before the current month may still be paid; null = no limit. */
  maxMonthsBack: number | null;
  sameYearOnly: boolean;
  interest: 'none' | 'account_rate';
  /** Whether the pack charges a late fee; the plan does not estimate it and says so. */
  lateFee: boolean;
};

/** Legal working age: no one contributes for a month before they turn 16 (劳动法 第十五条). */
const WORKING_AGE_MONTHS = 16 * 12;
/** months.ts refuses earlier months as typing errors; no contribution record reaches back further. */
const EARLIEST_MONTH: Month = '1950-01';

/**
 * The earliest month the rule lets a person back-pay when paying in `currentMonth`, or null when it
 * allows none. With neither a same-year nor a months-back limit the person's 16th birthday month bounds it.
 */
export const earliestBackPayMonth = (rule: BackPayRule, currentMonth: Month, birthMonth: Month): Month | null => {
  if (!rule.allowed) return null;
  let earliest = maxMonth(EARLIEST_MONTH, addMonths(birthMonth, WORKING_AGE_MONTHS));
  if (rule.sameYearOnly) earliest = maxMonth(earliest, firstMonthOfYear(yearOf(currentMonth)));
  if (rule.maxMonthsBack !== null) earliest = maxMonth(earliest, addMonths(currentMonth, -rule.maxMonthsBack));
  return compareMonths(earliest, currentMonth) < 0 ? earliest : null;
};

/** Unpaid months the rule lets the person back-pay before `currentMonth`, oldest first. */
export const backPayableMonths = (rule: BackPayRule, currentMonth: Month, birthMonth: Month, paid: ReadonlySet<Month>): Month[] => {
  const earliest = earliestBackPayMonth(rule, currentMonth, birthMonth);
  if (earliest === null) return [];
  return monthList(earliest, addMonths(currentMonth, -1)).filter((m) => !paid.has(m));
};
