import type { Fen } from '../money/fen';
import type { Ratio } from '../money/ratio';
import type { Month } from '../months';
import type { CategoryCode } from '../person';
import type { Scheme } from '../policy/schemes';

/** Employment-difficulty subsidy (社保补贴) the person qualifies for, as decided at the window. */
export interface SubsidyEligibility {
  /** The category that qualifies (must be in the pack's eligibleCategories). */
  readonly category: CategoryCode;
  /** First subsidised month; the pack's durationMonths count from here. */
  readonly startMonth: Month;
}

export interface ContributionRequest {
  readonly scheme: Scheme;
  readonly regionCode: string;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  /** Monthly contribution base in fen (employee schemes; unused for a fixed medical amount). */
  readonly baseFen?: Fen;
  /** Residents' pension grade (档次) id. */
  readonly gradeId?: string;
  /** Residents' medical group id; the pack's first group when absent. */
  readonly medicalGroupId?: string;
  readonly subsidy?: SubsidyEligibility | null;
  /**
   * Present for a back-payment (补缴) of past months: the span is then not
   * bound to the payment frequencies but to the pack's backPayment rule,
   * judged from the current month.
   */
  readonly backPayment?: { readonly currentMonth: Month } | null;
}

/**
 * One line item: a run of months under one pack with one subsidy status.
 * Invariants (tested): personalAccountFen + pooledFen = totalFen and
 * subsidyFen + personFen = totalFen; all parts are non-negative integers.
 */
export interface ContributionLine {
  readonly scheme: Scheme;
  readonly regionCode: string;
  readonly packVersion: string;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  readonly months: number;
  /** Monthly base, or null when the amount does not depend on a base (fixed amounts, residents' schemes). */
  readonly baseFen: Fen | null;
  /** Rate applied to the base, or null for fixed amounts. */
  readonly rate: Ratio | null;
  /** Residents' pension grade or medical group, else null. */
  readonly gradeId: string | null;
  readonly totalFen: Fen;
  readonly personalAccountFen: Fen;
  readonly pooledFen: Fen;
  /** Government share: employment-difficulty subsidy, or the residents' pension subsidy. */
  readonly subsidyFen: Fen;
  /** The person's own share: totalFen − subsidyFen. */
  readonly personFen: Fen;
  /** What the person hands over now: personFen when the subsidy is paid in advance, totalFen when it is reimbursed later. */
  readonly dueNowFen: Fen;
  readonly subsidyPayment: 'advance' | 'reimbursed' | null;
}

export interface ContributionTotals {
  readonly totalFen: Fen;
  readonly personalAccountFen: Fen;
  readonly pooledFen: Fen;
  readonly subsidyFen: Fen;
  readonly personFen: Fen;
  readonly dueNowFen: Fen;
}

export interface ContributionResult extends ContributionTotals {
  readonly lines: readonly ContributionLine[];
}

export function sumLines(lines: readonly ContributionLine[]): ContributionTotals {
  const t = { totalFen: 0, personalAccountFen: 0, pooledFen: 0, subsidyFen: 0, personFen: 0, dueNowFen: 0 };
  for (const l of lines) {
    t.totalFen += l.totalFen;
    t.personalAccountFen += l.personalAccountFen;
    t.pooledFen += l.pooledFen;
    t.subsidyFen += l.subsidyFen;
    t.personFen += l.personFen;
    t.dueNowFen += l.dueNowFen;
  }
  return t;
}
