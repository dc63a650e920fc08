import { z } from 'zod';
import type { ContributionRequest } from '../../shared/contributions/contribution-types';
import { isMonth } from '../../shared/months';
import { PAYMENT_CHANNELS, PAYMENT_METHODS } from '../../shared/payment';
import { PERSON_KEY_PATTERN } from '../../shared/person-key';
import { SCHEMES } from '../../shared/policy/schemes';
import { DataError, type PaymentInput } from '../data/contract';
import { dataErrorFromIssue } from './validation';

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
  })
  .refine((v) => v.channel === 'declared' || v.method !== null, { message: 'payment.methodRequired', path: ['method'] });

/** Validates the form's input; throws a DataError naming the field. */
export function checkPaymentInput(input: PaymentInput): PaymentInput {
  const parsed = paymentInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue ? dataErrorFromIssue(issue) : new DataError('field.invalid', { field: '' });
  }
  return input;
}

/** The pure calculation's request for this input (no subsidy or back-payment at the window yet). */
export function contributionRequest(input: PaymentInput, regionCode: string): ContributionRequest {
  return {
    scheme: input.scheme,
    regionCode,
    fromMonth: input.fromMonth,
    toMonth: input.toMonth,
    ...(input.baseFen !== undefined && input.baseFen !== null ? { baseFen: input.baseFen } : {}),
    ...(input.gradeId ? { gradeId: input.gradeId } : {}),
  };
}
