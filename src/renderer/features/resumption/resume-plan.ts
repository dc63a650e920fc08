/**
 * What the resumption view (恢复缴费, issue 4 §3; ADR 017) shows for one
 * person, computed from their enrolment records, live payments and the pack
 * in force this month. Pure: the page only renders it. The back-payment
 * window is the same as the payment form's (contributions/contribution-calc
 * backPaymentError) and the options handout's (pension/back-pay-window), so
 * what is offered here is what the form will accept.
 */
import { correctionsByTarget } from '../../../shared/corrections/correction-effects';
import type { SchemeEnrolment, SchemeStatus } from '../../../shared/enrolment-status';
import { livePaidSpans, schemeLapse, summarisePaid, YEARLY_SCHEMES, type SchemeLapse } from '../../../shared/lapse';
import { addMonths, compareMonths, firstMonthOfYear, maxMonth, monthsInclusive, yearOf, type Month } from '../../../shared/months';
import type { Payment } from '../../../shared/payment';
import type { PolicyPack } from '../../../shared/policy/pack-schema';
import type { Scheme } from '../../../shared/policy/schemes';
import type { EnrolmentRecord } from '../../../shared/records';
import { earliestBackPayMonth } from '../../../shared/pension/back-pay-window';

/** A span of months offered as one payment on the form. */
export interface MonthSpan {
  readonly from: Month;
  readonly to: Month;
  readonly months: number;
}

/**
 * Why (part of) the unpaid months cannot be back-paid, in the pack's terms:
 * - notAllowed: the pack allows no back-payment;
 * - sameYearOnly: only months of the current year (`from` is the first one allowed);
 * - maxMonthsBack: only `maxMonthsBack` months back (`from` is the first one allowed);
 * - charges: the pack charges interest or a late fee, which is not computed (ADR 017);
 * - noPack: no pack is in force this month;
 * - yearly: residents' schemes are paid by calendar year; past years are not offered here.
 */
export type BackPayBlock =
  | { readonly code: 'notAllowed' | 'charges' | 'noPack'; readonly packVersion: string | null }
  | { readonly code: 'sameYearOnly'; readonly packVersion: string; readonly from: Month }
  | { readonly code: 'maxMonthsBack'; readonly packVersion: string; readonly from: Month; readonly maxMonthsBack: number }
  | { readonly code: 'yearly'; readonly packVersion: string | null };

export interface SchemeResume {
  readonly scheme: Scheme;
  readonly status: SchemeStatus;
  /** First month of the status in force, null when none. */
  readonly statusSince: Month | null;
  /** Lapsed (断缴) or suspended (暂停): one click sets it active again from the current month. */
  readonly canReactivate: boolean;
  /** The trailing unpaid gap, null when nothing due is unpaid. */
  readonly lapse: SchemeLapse | null;
  /** Continue from now: the current month (employee schemes) or the current year (residents'). */
  readonly continueSpan: MonthSpan;
  /** The unpaid months the pack lets the person back-pay now (needs a reviewer's approval), or null. */
  readonly backPay: MonthSpan | null;
  /** Why the unpaid months (or the older part of them) cannot be back-paid, or null when all can. */
  readonly blocked: BackPayBlock | null;
  /** Monthly base of the scheme's latest contribution, to pre-fill the form; null when none. */
  readonly lastBaseFen: number | null;
}

export interface ResumeInputs {
  readonly birthDate: string;
  readonly currentMonth: Month;
  readonly schemes: readonly SchemeEnrolment[];
  readonly records: readonly EnrolmentRecord[];
  readonly payments: readonly Payment[];
  /** Ids of payments the centre refused (they count as nothing). */
  readonly refused: ReadonlySet<string>;
  /** The region's pack in force in the current month, or null. */
  readonly pack: PolicyPack | null;
}

const span = (from: Month, to: Month): MonthSpan => ({ from, to, months: monthsInclusive(from, to) });

const span1 = (m: Month): MonthSpan => span(m, m);

/** The base of the latest contribution that still stands (not refused, reversed or refunded). */
function lastBase(payments: readonly Payment[], scheme: Scheme, refused: ReadonlySet<string>): number | null {
  const standing = payments.filter((p) => !refused.has(p.id));
  const corrected = correctionsByTarget(standing);
  const mine = standing
    .filter((p) => p.kind === 'contribution' && p.scheme === scheme && !corrected.has(p.id))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  for (const p of mine) {
    const withBase = p.lines.find((l) => l.baseFen !== null);
    if (withBase?.baseFen != null) return withBase.baseFen;
  }
  return null;
}

/** The back-payable part of a monthly scheme's gap under the pack, and why the rest is not. */
function backPayOf(lapse: SchemeLapse, pack: PolicyPack | null, currentMonth: Month, birthDate: string): Pick<SchemeResume, 'backPay' | 'blocked'> {
  if (!pack) return { backPay: null, blocked: { code: 'noPack', packVersion: null } };
  const rule = pack.backPayment.value;
  if (!rule.allowed) return { backPay: null, blocked: { code: 'notAllowed', packVersion: pack.version } };
  if (rule.interest !== 'none' || rule.lateFeePerDay !== null) return { backPay: null, blocked: { code: 'charges', packVersion: pack.version } };
  const earliest = earliestBackPayMonth({ ...rule, lateFee: false }, currentMonth, birthDate.slice(0, 7));
  if (earliest === null) return { backPay: null, blocked: { code: 'notAllowed', packVersion: pack.version } };
  const from = maxMonth(lapse.since, earliest);
  const backPay = compareMonths(from, lapse.through) <= 0 ? span(from, lapse.through) : null;
  if (compareMonths(from, lapse.since) === 0) return { backPay, blocked: null };
  // Which limit binds: the later of the year start and the months-back limit.
  const yearStart = firstMonthOfYear(yearOf(currentMonth));
  const byMonths = rule.maxMonthsBack === null ? null : addMonths(currentMonth, -rule.maxMonthsBack);
  if (byMonths !== null && rule.maxMonthsBack !== null && (!rule.sameYearOnly || compareMonths(byMonths, yearStart) > 0)) {
    return { backPay, blocked: { code: 'maxMonthsBack', packVersion: pack.version, from: earliest, maxMonthsBack: rule.maxMonthsBack } };
  }
  return { backPay, blocked: { code: 'sameYearOnly', packVersion: pack.version, from: earliest } };
}

/** One entry per scheme the person has a record or a payment in, in the order of `schemes`. */
export function resumePlan(input: ResumeInputs): SchemeResume[] {
  const paid = summarisePaid(livePaidSpans(input.payments, input.refused));
  const out: SchemeResume[] = [];
  for (const view of input.schemes) {
    const { scheme } = view;
    if (view.status === 'none' && !paid.has(scheme)) continue;
    const yearly = YEARLY_SCHEMES.includes(scheme);
    const lapse = schemeLapse(input.records, scheme, paid.get(scheme), input.currentMonth);
    const year = yearOf(input.currentMonth);
    const continueSpan = yearly ? span(firstMonthOfYear(year), `${String(year)}-12`) : span1(input.currentMonth);
    let back: Pick<SchemeResume, 'backPay' | 'blocked'> = { backPay: null, blocked: null };
    if (lapse && yearly) back = { backPay: null, blocked: { code: 'yearly', packVersion: input.pack?.version ?? null } };
    else if (lapse) back = backPayOf(lapse, input.pack, input.currentMonth, input.birthDate);
    out.push({
      scheme,
      status: view.status,
      statusSince: view.since,
      canReactivate: view.status === 'lapsed' || view.status === 'suspended',
      lapse,
      continueSpan,
      ...back,
      lastBaseFen: lastBase(input.payments, scheme, input.refused),
    });
  }
  return out;
}
