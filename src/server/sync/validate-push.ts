import { z } from 'zod';
import { auditEventSchema, type AuditEvent } from '../../shared/audit';
import { derivePersonKey } from '../../shared/person-key';
import { personSchema, type Person } from '../../shared/person';
import { MAX_BATCH, type PushRow } from '../../shared/sync-protocol';
import { ApiHttpError, zodIssues, type FieldIssue } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';

/** Row envelope: exactly the two RxDB fields; the documents are checked by their own schemas after. */
const rowEnvelope = z.object({ assumedMasterState: z.unknown(), newDocumentState: z.unknown() }).strict();

export function envelopes(body: unknown): { assumed: unknown; next: unknown }[] {
  if (!Array.isArray(body)) throw new ApiHttpError(400, 'request.invalid', 'Push body must be a JSON array of rows.');
  if (body.length > MAX_BATCH) {
    throw new ApiHttpError(413, 'batch.tooLarge', `At most ${MAX_BATCH} rows per push.`, { max: MAX_BATCH, received: body.length });
  }
  const issues: FieldIssue[] = [];
  const rows = body.map((raw: unknown, row) => {
    const r = rowEnvelope.safeParse(raw);
    if (!r.success || !('newDocumentState' in (raw as object))) {
      issues.push(...(r.success ? [{ row, field: 'newDocumentState', message: 'required' }] : zodIssues(r.error, '', row)));
      return { assumed: null, next: null };
    }
    return { assumed: r.data.assumedMasterState ?? null, next: r.data.newDocumentState };
  });
  if (issues.length > 0) throw new ApiHttpError(400, 'request.invalid', 'Malformed push row(s).', issues.slice(0, 50));
  return rows;
}

/**
 * Validates a persons push completely before anything is written: both
 * states with the shared personSchema, the key against the city secret,
 * the station within the city. Throws 4xx naming row and field.
 */
export function validatePersonPush(body: unknown, secret: Uint8Array, cityStations: ReadonlySet<string>): PushRow<Person>[] {
  const issues: FieldIssue[] = [];
  let keyMismatch = false;
  const out: PushRow<Person>[] = [];
  for (const [row, { assumed, next }] of envelopes(body).entries()) {
    const n = personSchema.safeParse(next);
    const a = assumed === null ? null : personSchema.safeParse(assumed);
    if (!n.success) issues.push(...zodIssues(n.error, 'newDocumentState', row));
    if (a && !a.success) issues.push(...zodIssues(a.error, 'assumedMasterState', row));
    if (!n.success || (a && !a.success)) continue;
    const doc = n.data;
    if (doc.id !== derivePersonKey(secret, doc.idType, doc.idNumber)) {
      keyMismatch = true;
      issues.push({ row, field: 'newDocumentState.id', message: 'person.keyMismatch' });
    }
    if (a && a.data.id !== doc.id) issues.push({ row, field: 'assumedMasterState.id', message: 'person.idChanged' });
    if (doc._deleted) issues.push({ row, field: 'newDocumentState._deleted', message: 'person.noDelete' });
    if (!cityStations.has(doc.stationId)) issues.push({ row, field: 'newDocumentState.stationId', message: 'station.unknown' });
    out.push({ assumedMasterState: a ? a.data : null, newDocumentState: doc });
  }
  if (issues.length > 0) {
    const onlyKey = keyMismatch && issues.every((i) => i.message === 'person.keyMismatch');
    throw new ApiHttpError(
      422,
      onlyKey ? 'person.keyMismatch' : 'person.invalid',
      onlyKey ? 'Person id does not match the key derived from ID type and number.' : 'Invalid person document(s); nothing was stored.',
      issues.slice(0, 50),
    );
  }
  return out;
}

/**
 * Validates an audit push (append-only events) before anything is written.
 * A device records its own actions only: an event naming another device is
 * refused (403 scope.forbidden), so one device cannot put words in
 * another's audit trail (ADR 020).
 */
export function validateAuditPush(body: unknown, cityStations: ReadonlySet<string>, device: Pick<DeviceContext, 'deviceId'>): AuditEvent[] {
  const issues: FieldIssue[] = [];
  const scope: FieldIssue[] = [];
  const out: AuditEvent[] = [];
  envelopes(body).forEach(({ next }, row) => {
    const n = auditEventSchema.safeParse(next);
    if (!n.success) {
      issues.push(...zodIssues(n.error, 'newDocumentState', row));
      return;
    }
    if (!cityStations.has(n.data.stationId)) issues.push({ row, field: 'newDocumentState.stationId', message: 'station.unknown' });
    if (n.data.deviceId !== device.deviceId) scope.push({ row, field: 'newDocumentState.deviceId', message: 'scope.forbidden' });
    out.push(n.data);
  });
  if (issues.length > 0) throw new ApiHttpError(422, 'audit.invalid', 'Invalid audit event(s); nothing was stored.', [...issues, ...scope].slice(0, 50));
  if (scope.length > 0) throw new ApiHttpError(403, 'scope.forbidden', 'Audit events must be those of the pushing device; nothing was stored.', scope.slice(0, 50));
  return out;
}
