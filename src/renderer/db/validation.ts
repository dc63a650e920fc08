import type { z } from 'zod';
import { auditEventSchema, type AuditEvent } from '../../shared/audit';
import type { IdType } from '../../shared/id-types';
import { parseIdNumber, type ParsedIdNumber } from '../../shared/id-number';
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

/** Validates with the shared personSchema (the server runs the same); returns the parsed (trimmed) person. */
export function validatePerson(candidate: unknown): Person {
  const result = personSchema.safeParse(candidate);
  if (!result.success) throw firstIssue(result.error);
  return result.data;
}

export function validateAudit(candidate: unknown): AuditEvent {
  const result = auditEventSchema.safeParse(candidate);
  if (!result.success) throw firstIssue(result.error);
  return result.data;
}

/** parseIdNumber as a throwing step: codes like 'id.checkDigit' {expected, field: 'idNumber'}. */
export function parseIdOrThrow(idType: IdType, idNumber: string): ParsedIdNumber {
  const parsed = parseIdNumber(idType, idNumber);
  if (!parsed.ok) throw new DataError(parsed.code, { ...parsed.params, field: 'idNumber' });
  return parsed.value;
}
