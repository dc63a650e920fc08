import { isBackPaySpan } from '../../shared/contributions/back-pay-approval';
import { calculateContribution } from '../../shared/contributions/contribution-calc';
import type { ContributionLine, ContributionRequest, SubsidyEligibility } from '../../shared/contributions/contribution-types';
import { mulRound } from '../../shared/money/fen';
import { addMonths, compareMonths, monthInSpan, monthsInclusive, type Month } from '../../shared/months';
import type { Payment, PaymentLine } from '../../shared/payment';
import { canonicalJson } from '../../shared/policy/canonical-json';
import { findPackVersion, packForMonth } from '../../shared/policy/pack-lookup';
import type { PolicyPack } from '../../shared/policy/pack-schema';
import type { Result } from '../../shared/result';

/** Why the server refuses a payment's amounts: a rule code, or the lines it computed against those sent. */
export interface AmountProblem {
  readonly message: string;
  readonly params?: Record<string, string | number>;
  readonly expected?: readonly PaymentLine[];
  readonly got?: readonly PaymentLine[];
}

const toPaymentLine = (l: ContributionLine): PaymentLine => ({
  packVersion: l.packVersion, fromMonth: l.fromMonth, toMonth: l.toMonth, months: l.months, baseFen: l.baseFen, rate: l.rate,
  gradeId: l.gradeId, totalFen: l.totalFen, personalAccountFen: l.personalAccountFen, pooledFen: l.pooledFen,
  subsidyFen: l.subsidyFen, personFen: l.personFen, dueNowFen: l.dueNowFen, subsidyPayment: l.subsidyPayment,
});

/** Month of an ISO instant in China (UTC+8, no DST): the "current month" a back-payment rule is judged from. */
export function chinaMonthOf(iso: string): Month {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * The subsidy eligibility the device must have used, read back from its
 * lines: the subsidised months are those with a subsidy payment mode. The
 * window starts at the first subsidised month, unless that is the first
 * month paid, in which case it may have started earlier and is placed so
 * that it ends where the subsidised months end. The category is decided at
 * the window (not on the record); any eligible category gives the same
 * amounts, so the pack's first one is used.
 */
function subsidyOf(p: Payment, packs: readonly PolicyPack[]): SubsidyEligibility | null {
  const sub = p.lines.filter((l) => l.subsidyPayment !== null);
  const first = sub[0];
  const last = sub[sub.length - 1];
  if (!first || !last || p.fromMonth === null || p.toMonth === null) return null;
  const pack = findPackVersion(packs, p.regionCode, first.packVersion);
  const rule = pack?.employmentSubsidy.value;
  const category = rule?.eligibleCategories[0];
  if (!rule || category === undefined) return null;
  let startMonth = first.fromMonth;
  if (first.fromMonth === p.fromMonth && compareMonths(last.toMonth, p.toMonth) < 0) startMonth = addMonths(last.toMonth, 1 - rule.durationMonths);
  return { category, startMonth };
}

/**
 * Recomputes a contribution with the shared calculator and the verified
 * packs the device named (ADR 011): restricting the packs to the named
 * versions reproduces the device's per-month choice even when it was
 * offline and a newer pack has arrived since (that difference is a later
 * 补差, not an error). Returns null when the lines are exactly the server's.
 */
export function checkContribution(p: Payment, regionPacks: readonly PolicyPack[]): AmountProblem | null {
  return judgeContribution(p, regionPacks).problem;
}

/** What the centre makes of a contribution: whether its amounts are wrong, and whether it is a back-payment (补缴, ADR 017). */
export interface ContributionJudgement {
  readonly problem: AmountProblem | null;
  /** The span lies wholly before the month it was taken: judged under the pack's backPayment rule, it needs a reviewer's approval. */
  readonly backPayment: boolean;
}

/** checkContribution, also telling whether the span was judged as a back-payment. */
export function judgeContribution(p: Payment, regionPacks: readonly PolicyPack[]): ContributionJudgement {
  if (p.fromMonth === null || p.toMonth === null || p.lines.length === 0) return { problem: { message: 'payment.months' }, backPayment: false };
  const named = new Set(p.lines.map((l) => l.packVersion));
  const packs = regionPacks.filter((k) => k.region.code === p.regionCode && named.has(k.version));
  for (const v of named) if (!packs.some((k) => k.version === v)) return { problem: { message: 'pack.unknownVersion', params: { packVersion: v } }, backPayment: false };
  const withBase = p.lines.find((l) => l.baseFen !== null);
  const grade = p.lines[0]?.gradeId ?? null;
  const req: ContributionRequest = {
    scheme: p.scheme,
    regionCode: p.regionCode,
    fromMonth: p.fromMonth,
    toMonth: p.toMonth,
    ...(withBase?.baseFen != null ? { baseFen: withBase.baseFen } : {}),
    ...(grade !== null && p.scheme === 'residents_pension' ? { gradeId: grade } : {}),
    ...(grade !== null && p.scheme === 'residents_medical' ? { medicalGroupId: grade } : {}),
    subsidy: subsidyOf(p, packs),
  };
  // A span wholly before the month it was taken (China time) is a back-payment (补缴) under the
  // pack's backPayment rule, even when it is also an allowed period (ADR 017); as the device judges it.
  const currentMonth = chinaMonthOf(p.createdAt);
  const backPayment = isBackPaySpan(p.scheme, p.toMonth, currentMonth);
  const r: Result<{ lines: readonly ContributionLine[] }> = calculateContribution(backPayment ? { ...req, backPayment: { currentMonth } } : req, packs);
  if (!r.ok) return { problem: { message: r.code, ...(r.params ? { params: r.params } : {}) }, backPayment };
  const expected = r.value.lines.map(toPaymentLine);
  if (canonicalJson(expected) !== canonicalJson(p.lines)) return { problem: { message: 'payment.amountMismatch', expected, got: p.lines }, backPayment };
  return { problem: null, backPayment };
}

/**
 * A 补差 line cannot be recomputed from the record alone (it depends on the
 * person's earlier payments): the server checks what it can — the named
 * pack exists, covers the months, the base is its floor, the rate is the
 * scheme's, no subsidy, and the amount is at most a full contribution at the
 * floor. Exact recomputation from the history is a later step (ADR 011).
 */
export function checkTopUp(p: Payment, regionPacks: readonly PolicyPack[]): AmountProblem | null {
  if (p.lines.length === 0) return { message: 'payment.months' };
  for (const l of p.lines) {
    const pack = findPackVersion(regionPacks, p.regionCode, l.packVersion);
    if (!pack) return { message: 'pack.unknownVersion', params: { packVersion: l.packVersion } };
    const bad = (why: string): AmountProblem => ({ message: 'payment.amountMismatch', params: { why, packVersion: l.packVersion, fromMonth: l.fromMonth } });
    if (!monthInSpan(l.fromMonth, pack.effectiveFrom, pack.effectiveTo) || !monthInSpan(l.toMonth, pack.effectiveFrom, pack.effectiveTo)) return bad('months');
    if (monthsInclusive(l.fromMonth, l.toMonth) !== l.months) return bad('months');
    if (packForMonth([pack], p.regionCode, l.fromMonth) === undefined) return bad('months');
    const rate = p.scheme === 'employee_pension' ? pack.employeePension.value.rate : pack.flexibleMedical.value.kind === 'rate' ? pack.flexibleMedical.value.rate : null;
    if (rate === null || l.rate === null || canonicalJson(rate) !== canonicalJson(l.rate)) return bad('rate');
    if (l.baseFen !== pack.baseFloor.value) return bad('base');
    if (l.subsidyFen !== 0 || l.subsidyPayment !== null) return bad('subsidy');
    if (l.totalFen > mulRound(l.baseFen * l.months, rate)) return bad('total');
  }
  return null;
}
