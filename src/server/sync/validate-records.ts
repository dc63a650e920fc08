import { recordSchema, type WindowRecord } from '../../shared/records';
import { jsonParam, type Queryable } from '../db/sql-db';
import { ApiHttpError, zodIssues, type FieldIssue } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { envelopes } from './validate-push';

/**
 * One error for the whole batch (nothing is stored): schema failures are
 * 'record.invalid'; otherwise the code of the first refused row, so the
 * device can show the most specific message. Every refused row is in the
 * details.
 */
export function recordError(issues: readonly FieldIssue[], schemaFailed = false): ApiHttpError {
  const first = issues[0];
  const code = schemaFailed || !first ? 'record.invalid' : first.message;
  const status = code === 'scope.forbidden' ? 403 : 422;
  return new ApiHttpError(status, code, 'Record(s) refused; nothing was stored.', issues.slice(0, 50));
}

/**
 * Checks that need no database: every row parses with the shared
 * recordSchema (the device validated with the same schema before it
 * stored the record), and the device writes for itself only.
 */
export function validateRecordPush(body: unknown, device: DeviceContext): WindowRecord[] {
  const issues: FieldIssue[] = [];
  const out: WindowRecord[] = [];
  let schemaFailed = false;
  for (const [row, { next }] of envelopes(body).entries()) {
    const n = recordSchema.safeParse(next);
    if (!n.success) {
      schemaFailed = true;
      issues.push(...zodIssues(n.error, 'newDocumentState', row));
      continue;
    }
    const r = n.data;
    if (r.stationId !== device.stationId) issues.push({ row, field: 'newDocumentState.stationId', message: 'scope.forbidden' });
    if (r.deviceId !== device.deviceId) issues.push({ row, field: 'newDocumentState.deviceId', message: 'scope.forbidden' });
    out.push(r);
  }
  if (issues.length > 0) throw recordError(issues, schemaFailed);
  return out;
}

/**
 * Record kinds about one person (a close-out is about a staff member's day): enrolment, contact,
 * transfer_in, transfer_result and history all name one. Amounts of a transfer-in are checked
 * non-negative integer fen by the shared schema above.
 */
const personOf = (r: WindowRecord): string | null => (r.kind === 'closeout' ? null : r.personId);

/**
 * An enrolment or a contact names a person the city knows. Persons are pushed by the
 * same device before its records (sync/record-push.ts waits for them), so
 * a missing person is a device bug or a person of another city.
 */
export async function checkRecordPersons(q: Queryable, cityId: string, records: readonly WindowRecord[]): Promise<void> {
  const wanted = [...new Set(records.flatMap((r) => personOf(r) ?? []))];
  if (wanted.length === 0) return;
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM docs
      WHERE collection = 'persons' AND city_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [cityId, jsonParam(wanted)],
  );
  const known = new Set(rows.map((r) => r.id));
  const issues: FieldIssue[] = [];
  for (const [row, r] of records.entries()) {
    const personId = personOf(r);
    if (personId !== null && !known.has(personId)) issues.push({ row, field: 'newDocumentState.personId', message: 'person.notFound' });
  }
  if (issues.length > 0) throw recordError(issues);
}
