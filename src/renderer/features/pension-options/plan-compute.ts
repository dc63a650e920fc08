/**
 * Glue between the person page's data and the pure plan module (src/shared/pension): the person's
 * live payments and the region's packs in, a comparison of the standard options out. No I/O here,
 * so the page stays a thin view and the figures are the shared module's.
 */
import { isMonth, type Month } from '../../../shared/months';
import { accountAtYearStart, paymentHistory } from '../../../shared/pension/payment-history';
import { comparePlans, type PlanComparison, type PlanOption } from '../../../shared/pension/payment-options';
import { planParamsFromPack, STANDARD_SHARES_BP, type PackGap } from '../../../shared/pension/plan-params-from-pack';
import type { Person } from '../../../shared/person';
import { interestRatesByYear, packForMonth } from '../../../shared/policy/pack-lookup';
import type { PolicyPack } from '../../../shared/policy/pack-schema';
import { trackFor } from '../../../shared/retirement/retirement-age';
import type { PaymentStatus, PaymentView } from '../../data/contract';

export interface PlanInputs {
  readonly deemedMonths: number;
  readonly transferredMonths: number;
  readonly femaleTrack: 'female55' | 'female50';
  readonly wageGrowthBp: number;
  readonly creditingRateBp: number;
  /** Personal-account money moved in by confirmed transfers (it moves in full, ADR 018); added to the opening balance. */
  readonly transferredAccountFen?: number;
}

export type PlanView =
  | {
      readonly ok: true;
      readonly comparison: PlanComparison;
      readonly packVersion: string;
      readonly missing: readonly PackGap[];
      readonly assumedRateYears: readonly number[];
    }
  | { readonly ok: false; readonly code: string; readonly params?: Record<string, string | number> };

/** Payments the centre did not take never count (the payments card shows why). */
const NOT_COUNTED: ReadonlySet<PaymentStatus> = new Set(['refused', 'rejected']);

/** The pack in force at the start month, or the newest one when none covers it yet. */
export function packAt(packs: readonly PolicyPack[], regionCode: string, month: Month): PolicyPack | null {
  const inForce = packForMonth(packs, regionCode, month);
  if (inForce) return inForce;
  const own = packs.filter((p) => p.region.code === regionCode).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return own.at(-1) ?? null;
}

/** Defaults the clerk may change: the pack's female track; no wage growth; the last published crediting rate. */
export function defaultInputs(packs: readonly PolicyPack[], regionCode: string, month: Month): PlanInputs {
  const pack = packAt(packs, regionCode, month);
  const rates = [...interestRatesByYear(packs, regionCode).entries()].sort((a, b) => a[0] - b[0]);
  const last = rates.at(-1)?.[1].value;
  return {
    deemedMonths: 0,
    transferredMonths: 0,
    femaleTrack: pack?.femaleRetirementTrack?.value ?? 'female55',
    wageGrowthBp: 0,
    creditingRateBp: last ? Math.round((last.num * 10_000) / last.den) : 0,
  };
}

/** The options side by side: every standard base level, to the minimum and to retirement; back-pay rows where allowed. */
export function standardOptions(backPayPossible: boolean): PlanOption[] {
  const out: PlanOption[] = [];
  for (const until of ['minimum', 'retirement'] as const) {
    for (const baseShareBp of STANDARD_SHARES_BP) out.push({ baseShareBp, until });
  }
  if (backPayPossible) for (const baseShareBp of STANDARD_SHARES_BP) out.push({ baseShareBp, until: 'retirement', backPay: true });
  return out;
}

export function computePlan(
  person: Person,
  payments: readonly PaymentView[],
  packs: readonly PolicyPack[],
  regionCode: string,
  startMonth: Month,
  inputs: PlanInputs,
): PlanView {
  const pack = packAt(packs, regionCode, startMonth);
  if (!pack) return { ok: false, code: 'plan.noPack', params: { month: startMonth } };
  const birthMonth = person.birthDate.slice(0, 7);
  if (!isMonth(birthMonth)) return { ok: false, code: 'plan.invalidMonth', params: { value: birthMonth } };
  const { params, missing } = planParamsFromPack(pack, inputs);
  const excludeIds = new Set(payments.filter((v) => NOT_COUNTED.has(v.status)).map((v) => v.payment.id));
  const history = paymentHistory(payments.map((v) => v.payment), packs, { scheme: 'employee_pension', excludeIds });
  const year = Number(startMonth.slice(0, 4));
  const account = accountAtYearStart(history.creditsByMonth, packs, regionCode, year, inputs.creditingRateBp);
  const track = trackFor(person.sex, inputs.femaleTrack);
  const plan = {
    birthMonth,
    track,
    trackFromPack: person.sex === 'F' && pack.femaleRetirementTrack?.value === inputs.femaleTrack,
    deemedMonths: inputs.deemedMonths,
    transferredMonths: inputs.transferredMonths,
    paidMonths: history.paidMonths,
    history: history.history,
    accountBalanceFen: account.openingFen + (inputs.transferredAccountFen ?? 0),
    accountCreditsFen: account.creditsFromYear,
    startMonth,
  };
  // First pass without options tells whether anything can be back-paid; the second compares.
  const facts = comparePlans(plan, params, []);
  if (!facts.ok) return facts;
  const r = comparePlans(plan, params, standardOptions(facts.value.backPayableMonths.length > 0));
  if (!r.ok) return r;
  return { ok: true, comparison: r.value, packVersion: pack.version, missing, assumedRateYears: account.assumedRateYears };
}
