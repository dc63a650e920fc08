import { z } from 'zod';
import type { ContributionRequest } from '../../shared/contributions/contribution-types';
import { isMonth } from '../../shared/months';
import { PAYMENT_CHANNELS, PAYMENT_METHODS } from '../../shared/payment';
import { CATEGORY_CODES } from '../../shared/person';
import { PERSON_KEY_PATTERN } from '../../shared/person-key';
import { SCHEMES } from '../../shared/policy/schemes';
import type { PaymentInput } from '../data/contract';
import { parseOrThrow } from './validation';

/** What the form sends, checked before anything is computed or stored. Messages are i18n codes. */
const paymentInputSchema = z
  .object({
    personId: z.string().regex(PERSON_KEY_PATTERN, 'person.notFound'),
    scheme: z.enum(SCHEMES, 'field.required'),
    fromMonth: z.string().refine(isMonth, 'month.format'),
    toMonth: z.string().refine(isMonth, 'month.format'),
    baseFen: z.number().int('money.format').min(0, 'money.format').nullable().optional(),
    gradeId: z.string().max(40).nullable().optional(),
    method: z.enum(PAYMENT_METHODS).nullable(),
    channel: z.enum(PAYMENT_CHANNELS),
    subsidy: z
      .object({ category: z.enum(CATEGORY_CODES, 'subsidy.category'), startMonth: z.string().refine(isMonth, 'month.format') })
      .nullable()
      .optional(),
    approvedBy: z.string().max(40).nullable().optional(),
  })
  .refine((v) => v.channel === 'declared' || v.method !== null, { message: 'payment.methodRequired', path: ['method'] })
  .refine((v) => !v.subsidy || v.scheme === 'employee_pension' || v.scheme === 'employee_medical', { message: 'subsidy.scheme', path: ['subsidy'] });

/** Validates the form's input; throws a DataError naming the field. */
export function checkPaymentInput(input: PaymentInput): PaymentInput {
  parseOrThrow(paymentInputSchema, input);
  return input;
}

/**
 * The pure calculation's request for this input. `currentMonth` marks a
 * back-payment (补缴): the span is then judged by the pack's backPayment
 * rule instead of the payment frequencies (the caller decides when, with
 * isBackPaySpan, see payment-repository.ts compute()).
 */
export function contributionRequest(input: PaymentInput, regionCode: string, currentMonth?: string): ContributionRequest {
  return {
    scheme: input.scheme,
    regionCode,
    fromMonth: input.fromMonth,
    toMonth: input.toMonth,
    ...(input.baseFen !== undefined && input.baseFen !== null ? { baseFen: input.baseFen } : {}),
    ...(input.gradeId ? { gradeId: input.gradeId } : {}),
    subsidy: input.subsidy ?? null,
    ...(currentMonth ? { backPayment: { currentMonth } } : {}),
  };
}
