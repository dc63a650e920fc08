import type { z } from 'zod';
import { auditEventSchema, type AuditEvent } from '../../shared/audit';
import type { IdType } from '../../shared/id-types';
import { parseIdNumber, type ParsedIdNumber } from '../../shared/id-number';
import { paymentSchema, type Payment } from '../../shared/payment';
import { personSchema, type Person } from '../../shared/person';
import { DataError } from '../data/contract';

/** Messages in src/shared schemas are i18n codes like 'id.checkDigit' or 'phone.format'. */
const I18N_CODE = /^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/;

type Issue = z.core.$ZodIssue;

/**
 * Turns the first zod issue into a DataError the UI can translate. Custom
 * messages in the shared schemas already are codes; zod's built-in checks
 * (lengths, enums) map to generic field codes with the field's path, so the
 * form can show the message next to that field:
 *   field.required {field}, field.tooLong {field, max}, field.invalid {field}.
 */
export function dataErrorFromIssue(issue: Issue): DataError {
  const field = issue.path.map(String).join('.');
  if (I18N_CODE.test(issue.message)) return new DataError(issue.message, { field });
  if (issue.code === 'too_small') return new DataError('field.required', { field });
  if (issue.code === 'too_big') return new DataError('field.tooLong', { field, max: Number(issue.maximum) });
  return new DataError('field.invalid', { field });
}

function firstIssue(error: z.ZodError): DataError {
  const issue = error.issues[0];
  return issue ? dataErrorFromIssue(issue) : new DataError('field.invalid', { field: '' });
}

/** Parses with a shared schema (the server runs the same) or throws the first issue as a DataError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, candidate: unknown): z.output<S> {
  const result = schema.safeParse(candidate);
  if (!result.success) throw firstIssue(result.error);
  return result.data;
}

/** Validates with the shared personSchema; returns the parsed (trimmed) person. */
export const validatePerson = (candidate: unknown): Person => parseOrThrow(personSchema, candidate);
export const validateAudit = (candidate: unknown): AuditEvent => parseOrThrow(auditEventSchema, candidate);
/** Every payment record a repository writes (contribution, 补差, correction, void) passes here first. */
export const validatePayment = (candidate: unknown): Payment => parseOrThrow(paymentSchema, candidate);

/** parseIdNumber as a throwing step: codes like 'id.checkDigit' {expected, field: 'idNumber'}. */
export function parseIdOrThrow(idType: IdType, idNumber: string): ParsedIdNumber {
  const parsed = parseIdNumber(idType, idNumber);
  if (!parsed.ok) throw new DataError(parsed.code, { ...parsed.params, field: 'idNumber' });
  return parsed.value;
}
