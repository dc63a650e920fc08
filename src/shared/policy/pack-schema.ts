import { z } from 'zod';
import { isMonth } from '../months';
import { ratioSchema, compareRatio, addRatio } from '../money/ratio';
import { CATEGORY_CODES } from '../person';
import { PAYMENT_FREQUENCIES } from './schemes';

/**
 * Policy pack: every regional rule the contribution code needs, as data
 * (DOMAIN.md: "rules that differ by province or city are policy data").
 * A pack is per region, versioned ('2025.1'), effective-dated by month, and
 * every value carries its source and how sure we are of it, so the UI can
 * say "unconfirmed" next to a figure instead of presenting a guess as law.
 * Amounts are integer fen; rates are exact ratios.
 */
export const PACK_FORMAT = 1;

export const VALUE_STATUSES = ['official', 'agreed', 'local', 'unconfirmed'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

const month = z.string().refine(isMonth, 'month.format');
const fen = z.number().int().min(0);
/** Limits are published in whole yuan per month. */
const wholeYuanFen = fen.refine((v) => v % 100 === 0, 'pack.wholeYuan');

export const sourceSchema = z
  .object({
    title: z.string().min(1),
    url: z.url().optional(),
    /** Document number, e.g. 国发〔2005〕38号. */
    doc: z.string().min(1).optional(),
  })
  .strict();

const sourced = <T extends z.ZodType>(value: T) =>
  z
    .object({
      value,
      source: sourceSchema,
      status: z.enum(VALUE_STATUSES),
      /** Why the value is what it is when the source alone does not say (derivations, doubts). */
      note: z.string().optional(),
    })
    .strict();

const pensionSplit = z
  .object({ rate: ratioSchema, personalAccount: ratioSchema, pooled: ratioSchema })
  .strict()
  .refine((v) => compareRatio(addRatio(v.personalAccount, v.pooled), v.rate) === 0, 'pack.splitSum');

const flexibleMedical = z.discriminatedUnion('kind', [
  /** base × rate over the same base the person chose (Tianjin 8.5%, Hangzhou 9.5%). */
  z.object({ kind: z.literal('rate'), rate: ratioSchema }).strict(),
  /** A fixed amount per month, whatever the base (Beijing 584.92/month in 2025). */
  z.object({ kind: z.literal('fixed'), amountPerMonth: fen }).strict(),
]);

const residentsPension = z
  .object({
    /** Yearly grades (档次) the person chooses from; subsidy = government/collective credit to the personal account. */
    grades: z
      .array(z.object({ id: z.string().min(1), amountPerYear: fen, subsidyPerYear: fen }).strict())
      .min(1),
  })
  .strict()
  .refine((v) => new Set(v.grades.map((g) => g.id)).size === v.grades.length, 'pack.duplicateGrade');

const residentsMedical = z
  .object({
    /** Personal yearly amount per group (adults, minors/students, …); the first group is the default. */
    groups: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), amountPerYear: fen }).strict()).min(1),
  })
  .strict();

const subsidyAmount = z.discriminatedUnion('kind', [
  /** share × the scheme's minimum contribution (floor × rate, or the fixed amount): Beijing 2/3. */
  z.object({ kind: z.literal('share_of_minimum'), share: ratioSchema }).strict(),
  /** share × the actual contribution: Guangdong 2/3 of actual. */
  z.object({ kind: z.literal('share_of_actual'), share: ratioSchema }).strict(),
  /** fixed fen per month: Tianjin 600 pension / 200 medical. */
  z.object({ kind: z.literal('fixed'), amountPerMonth: fen }).strict(),
]);

const employmentSubsidy = z
  .object({
    /** Person categories that qualify (the person.ts category codes). */
    eligibleCategories: z.array(z.enum(CATEGORY_CODES)).min(1),
    rules: z
      .array(
        z
          .object({
            scheme: z.enum(['employee_pension', 'employee_medical']),
            amount: subsidyAmount,
            /** Cap in fen per month, if any; the subsidy never exceeds the contribution itself. */
            capPerMonth: fen.optional(),
          })
          .strict(),
      )
      .min(1),
    /** Months of subsidy from the person's start month (national: up to 36; graduates 24). */
    durationMonths: z.number().int().min(1).max(600),
    /** 'advance': the person pays only their part; 'reimbursed': pays in full, the subsidy is paid back later. */
    payment: z.enum(['advance', 'reimbursed']),
  })
  .strict();

const backPayment = z
  .object({
    allowed: z.boolean(),
    /** How many months before the current month may still be paid (null = no limit when allowed). */
    maxMonthsBack: z.number().int().min(0).nullable(),
    sameYearOnly: z.boolean(),
    /** Interest charged on a back-payment: none, or at the account crediting rate of the years concerned. */
    interest: z.enum(['none', 'account_rate']),
    /** Late fee per day as a ratio of the amount (the 0.05%/day of 社会保险法 Art. 86 is for employers). */
    lateFeePerDay: ratioSchema.nullable(),
  })
  .strict();

const topUp = z
  .object({
    /** 'raise_to_floor': months paid below a later pack's floor owe (new floor − paid base) × rate. */
    rule: z.enum(['none', 'raise_to_floor']),
    schemes: z.array(z.enum(['employee_pension', 'employee_medical'])),
  })
  .strict();

export const interestRateSchema = z
  .object({ year: z.number().int().min(1990).max(2200), value: ratioSchema, source: sourceSchema, status: z.enum(VALUE_STATUSES), note: z.string().optional() })
  .strict();

export const policyPackSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    region: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().min(1) }).strict(),
    /** 'YYYY.n': the year the parameters belong to, then a revision counter. */
    version: z.string().regex(/^\d{4}\.\d{1,3}$/),
    effectiveFrom: month,
    effectiveTo: month.optional(),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    notes: z.string().optional(),
    averageWage: sourced(fen),
    baseFloor: sourced(wholeYuanFen),
    baseCeiling: sourced(wholeYuanFen),
    employeePension: sourced(pensionSplit),
    flexibleMedical: sourced(flexibleMedical),
    paymentFrequencies: sourced(z.array(z.enum(PAYMENT_FREQUENCIES)).min(1)),
    residentsPension: sourced(residentsPension),
    residentsMedical: sourced(residentsMedical),
    employmentSubsidy: sourced(employmentSubsidy),
    interestRates: z.array(interestRateSchema),
    backPayment: sourced(backPayment),
    topUp: sourced(topUp),
    /**
     * Pension estimate (issue 4 §5–§6, ADR 008). Optional so that packs signed before issue 4
     * stay valid; the options screen then asks the clerk and says the figure is not from the pack.
     * 计发基数 (monthly, fen) in the pack's year [local].
     */
    pensionBase: sourced(fen).optional(),
    /** Contribution index credited to deemed (视同缴费) months [local]. */
    deemedIndex: sourced(ratioSchema).optional(),
    /** Which reform track a woman insured as a flexible worker follows (原50岁 or 原55岁) [local]. */
    femaleRetirementTrack: sourced(z.enum(['female55', 'female50'])).optional(),
  })
  .strict()
  .refine((p) => p.baseFloor.value <= p.baseCeiling.value, { message: 'pack.floorAboveCeiling', path: ['baseFloor'] })
  .refine((p) => p.effectiveTo === undefined || p.effectiveTo >= p.effectiveFrom, { message: 'pack.effectiveRange', path: ['effectiveTo'] })
  .refine((p) => new Set(p.interestRates.map((r) => r.year)).size === p.interestRates.length, { message: 'pack.duplicateYear', path: ['interestRates'] });

export type PolicyPack = z.infer<typeof policyPackSchema>;
export type Sourced<T> = { value: T; source: z.infer<typeof sourceSchema>; status: ValueStatus; note?: string };
export type FlexibleMedicalRule = PolicyPack['flexibleMedical']['value'];
export type EmploymentSubsidyRule = PolicyPack['employmentSubsidy']['value'];
export type InterestRate = z.infer<typeof interestRateSchema>;
