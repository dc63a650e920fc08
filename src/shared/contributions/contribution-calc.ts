import { formatFen, mulRound, type Fen } from '../money/fen';
import type { Ratio } from '../money/ratio';
import {
  addMonths, compareMonths, isMonth, monthDiff, lastMonthOfYear, monthInSpan, monthList, monthOfYear, monthsInclusive, yearOf, type Month,
} from '../months';
import { err, ok, type Result } from '../result';
import { packForMonth } from '../policy/pack-lookup';
import type { PolicyPack } from '../policy/pack-schema';
import { FREQUENCY_MONTHS, PAYMENT_FREQUENCIES, type PaymentFrequency } from '../policy/schemes';
import { sumLines, type ContributionLine, type ContributionRequest, type ContributionResult, type SubsidyEligibility } from './contribution-types';

/**
 * Amounts for one payment (DOMAIN.md §3–§5, §9), pure and offline.
 *
 * Rounding: each line is base × months × rate computed exactly and rounded
 * half up to the fen once (DOMAIN.md §5). A line is a run of months under one
 * pack with one subsidy status, so a span across two packs is two lines.
 * Consequence: a span paid as one line can differ from the same months paid
 * one month at a time by less than half a fen per line (each line rounds
 * once); it is exactly equal whenever base × rate is a whole number of fen
 * per month (e.g. a whole-yuan base at a rate in whole per cent).
 */
export function calculateContribution(req: ContributionRequest, packs: readonly PolicyPack[]): Result<ContributionResult> {
  if (!isMonth(req.fromMonth)) return err('month.format', { month: req.fromMonth });
  if (!isMonth(req.toMonth)) return err('month.format', { month: req.toMonth });
  if (compareMonths(req.fromMonth, req.toMonth) > 0) return err('months.order');
  const lines = req.scheme === 'residents_pension' || req.scheme === 'residents_medical' ? residentsLines(req, packs) : employeeLines(req, packs);
  if (!lines.ok) return lines;
  return ok({ lines: lines.value, ...sumLines(lines.value) });
}

/** Checks the span against the pack's allowed frequencies: n months, calendar-aligned for quarter/half-year/year. */
export function allowedFrequency(from: Month, to: Month, allowed: readonly PaymentFrequency[]): PaymentFrequency | null {
  const n = monthsInclusive(from, to);
  for (const f of PAYMENT_FREQUENCIES) {
    const k = FREQUENCY_MONTHS[f];
    if (allowed.includes(f) && n === k && (monthOfYear(from) - 1) % k === 0) return f;
  }
  return null;
}

function frequencyError(req: ContributionRequest, pack: PolicyPack): Result<never> | null {
  if (allowedFrequency(req.fromMonth, req.toMonth, pack.paymentFrequencies.value)) return null;
  return err('months.frequency', { months: monthsInclusive(req.fromMonth, req.toMonth), allowed: pack.paymentFrequencies.value.join(','), packVersion: pack.version });
}

/** Back-payment of past months under the pack's rule: allowed at all, same year only, how far back. */
function backPaymentError(req: ContributionRequest, pack: PolicyPack, currentMonth: Month): Result<never> | null {
  const rule = pack.backPayment.value;
  if (!isMonth(currentMonth)) return err('month.format', { month: currentMonth });
  if (!rule.allowed) return err('backPay.notAllowed', { packVersion: pack.version });
  // Interest or a late fee is not computed yet (ADR 017): refusing is safer than taking too little.
  if (rule.interest !== 'none' || rule.lateFeePerDay !== null) return err('backPay.chargeUnsupported', { packVersion: pack.version });
  if (compareMonths(req.toMonth, currentMonth) >= 0) return err('backPay.notPast', { month: req.toMonth });
  if (rule.sameYearOnly && yearOf(req.fromMonth) !== yearOf(currentMonth)) return err('backPay.tooOld', { month: req.fromMonth });
  if (rule.maxMonthsBack !== null && monthDiff(req.fromMonth, currentMonth) > rule.maxMonthsBack) {
    return err('backPay.tooOld', { month: req.fromMonth, maxMonthsBack: rule.maxMonthsBack });
  }
  return null;
}

interface MonthPlan {
  readonly month: Month;
  readonly pack: PolicyPack;
  readonly subsidised: boolean;
}

function employeeLines(req: ContributionRequest, packs: readonly PolicyPack[]): Result<ContributionLine[]> {
  const plan: MonthPlan[] = [];
  for (const month of monthList(req.fromMonth, req.toMonth)) {
    const pack = packForMonth(packs, req.regionCode, month);
    if (!pack) return err('pack.missing', { month });
    plan.push({ month, pack, subsidised: isSubsidised(pack, req, month) });
  }
  // Every pack the span touches must allow the span as one payment.
  for (const pack of new Set(plan.map((p) => p.pack))) {
    const bad = req.backPayment ? backPaymentError(req, pack, req.backPayment.currentMonth) : frequencyError(req, pack);
    if (bad) return bad;
  }
  const fixedMedical = req.scheme === 'employee_medical' && plan.every((p) => p.pack.flexibleMedical.value.kind === 'fixed');
  if (!fixedMedical) {
    const base = req.baseFen;
    if (base === undefined) return err('base.required');
    if (!Number.isSafeInteger(base) || base < 0) return err('base.format');
    for (const { pack, month } of plan) {
      const floor = pack.baseFloor.value;
      const ceiling = pack.baseCeiling.value;
      if (base < floor) return err('base.belowFloor', { floor, floorText: formatFen(floor), month, packVersion: pack.version });
      if (base > ceiling) return err('base.aboveCeiling', { ceiling, ceilingText: formatFen(ceiling), month, packVersion: pack.version });
    }
  }
  return ok(runs(plan).map((run) => employeeLine(req, run)));
}

/** Consecutive months with the same pack and subsidy status. */
function runs(plan: readonly MonthPlan[]): MonthPlan[][] {
  const out: MonthPlan[][] = [];
  for (const p of plan) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.pack === p.pack && prev.subsidised === p.subsidised) last.push(p);
    else out.push([p]);
  }
  return out;
}

function isSubsidised(pack: PolicyPack, req: ContributionRequest, month: Month): boolean {
  const s: SubsidyEligibility | null | undefined = req.subsidy;
  if (!s || !isMonth(s.startMonth)) return false;
  const rule = pack.employmentSubsidy.value;
  if (!rule.eligibleCategories.includes(s.category)) return false;
  if (!rule.rules.some((r) => r.scheme === req.scheme)) return false;
  return monthInSpan(month, s.startMonth, addMonths(s.startMonth, rule.durationMonths - 1));
}

function employeeLine(req: ContributionRequest, run: readonly MonthPlan[]): ContributionLine {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) throw new Error('empty run');
  const pack = first.pack;
  const n = run.length;
  const med = pack.flexibleMedical.value;
  let baseFen: Fen | null = null;
  let rate: Ratio | null = null;
  let totalFen: Fen;
  let personalAccountFen = 0;
  /** The scheme's minimum contribution for these months as base × rate factors (for share_of_minimum). */
  let minimum: { amount: Fen; ratios: Ratio[] };
  let actual: { amount: Fen; ratios: Ratio[] };
  if (req.scheme === 'employee_pension') {
    const p = pack.employeePension.value;
    baseFen = req.baseFen ?? 0;
    rate = p.rate;
    totalFen = mulRound(baseFen * n, p.rate);
    // Rounding is monotonic and personalAccount ≤ rate, so pooled = total − personal is never negative.
    personalAccountFen = mulRound(baseFen * n, p.personalAccount);
    minimum = { amount: pack.baseFloor.value * n, ratios: [p.rate] };
    actual = { amount: baseFen * n, ratios: [p.rate] };
  } else if (med.kind === 'rate') {
    baseFen = req.baseFen ?? 0;
    rate = med.rate;
    totalFen = mulRound(baseFen * n, med.rate);
    minimum = { amount: pack.baseFloor.value * n, ratios: [med.rate] };
    actual = { amount: baseFen * n, ratios: [med.rate] };
  } else {
    totalFen = med.amountPerMonth * n;
    minimum = { amount: totalFen, ratios: [] };
    actual = minimum;
  }
  let subsidyFen = 0;
  let subsidyPayment: ContributionLine['subsidyPayment'] = null;
  if (first.subsidised) {
    const rules = pack.employmentSubsidy.value;
    const rule = rules.rules.find((r) => r.scheme === req.scheme);
    if (rule) {
      const a = rule.amount;
      if (a.kind === 'fixed') subsidyFen = a.amountPerMonth * n;
      else {
        const src = a.kind === 'share_of_minimum' ? minimum : actual;
        subsidyFen = mulRound(src.amount, ...src.ratios, a.share);
      }
      if (rule.capPerMonth !== undefined) subsidyFen = Math.min(subsidyFen, rule.capPerMonth * n);
      subsidyFen = Math.min(subsidyFen, totalFen);
      subsidyPayment = rules.payment;
    }
  }
  const personFen = totalFen - subsidyFen;
  return {
    scheme: req.scheme,
    regionCode: req.regionCode,
    packVersion: pack.version,
    fromMonth: first.month,
    toMonth: last.month,
    months: n,
    baseFen,
    rate,
    gradeId: null,
    totalFen,
    personalAccountFen,
    pooledFen: totalFen - personalAccountFen,
    subsidyFen,
    personFen,
    dueNowFen: subsidyPayment === 'reimbursed' ? totalFen : personFen,
    subsidyPayment,
  };
}

/**
 * Residents' schemes are paid by calendar year: the span must run January to
 * December (one line per year). The pack used for a year is the one in force
 * in its December, so a pack that starts mid-year (Beijing, July) carries the
 * residents' figures of the calendar year it starts in (ADR 007).
 */
function residentsLines(req: ContributionRequest, packs: readonly PolicyPack[]): Result<ContributionLine[]> {
  if (monthOfYear(req.fromMonth) !== 1 || monthOfYear(req.toMonth) !== 12) {
    return err('months.frequency', { months: monthsInclusive(req.fromMonth, req.toMonth), allowed: 'yearly' });
  }
  const lines: ContributionLine[] = [];
  for (let y = yearOf(req.fromMonth); y <= yearOf(req.toMonth); y++) {
    const dec = lastMonthOfYear(y);
    const pack = packForMonth(packs, req.regionCode, dec);
    if (!pack) return err('pack.missing', { month: dec });
    const common = { scheme: req.scheme, regionCode: req.regionCode, packVersion: pack.version, fromMonth: `${String(y)}-01`, toMonth: dec, months: 12, baseFen: null, rate: null, subsidyPayment: null };
    if (req.scheme === 'residents_pension') {
      const g = pack.residentsPension.value.grades.find((x) => x.id === req.gradeId);
      if (!g) return err('grade.unknown', { grade: req.gradeId ?? '', packVersion: pack.version });
      const totalFen = g.amountPerYear + g.subsidyPerYear;
      // The person's payment and the government subsidy are both credited to the personal account.
      lines.push({ ...common, gradeId: g.id, totalFen, personalAccountFen: totalFen, pooledFen: 0, subsidyFen: g.subsidyPerYear, personFen: g.amountPerYear, dueNowFen: g.amountPerYear });
    } else {
      const groups = pack.residentsMedical.value.groups;
      const g = req.medicalGroupId === undefined ? groups[0] : groups.find((x) => x.id === req.medicalGroupId);
      if (!g) return err('medicalGroup.unknown', { group: req.medicalGroupId ?? '', packVersion: pack.version });
      lines.push({ ...common, gradeId: g.id, totalFen: g.amountPerYear, personalAccountFen: 0, pooledFen: g.amountPerYear, subsidyFen: 0, personFen: g.amountPerYear, dueNowFen: g.amountPerYear });
    }
  }
  return ok(lines);
}
