import type { FastifyBaseLogger } from 'fastify';
import { conflictSchema, type Conflict } from '../../shared/conflict';
import { resolutionProblem } from '../../shared/conflict-resolution';
import { canonical } from '../../shared/merge';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError, zodIssues, type FieldIssue } from '../http/api-error';
import { listStaff, type DeviceContext } from '../org/org-store';
import { getDocForUpdate, logRejection, updateDoc, type WrittenDoc } from './docs-store';
import type { PushOutcome } from './push-persons';
import { envelopes } from './validate-push';

/** One error for the whole batch, nothing stored: the code of the first refused row (every row is in the details). */
function conflictError(issues: readonly FieldIssue[], schemaFailed: boolean): ApiHttpError {
  const code = schemaFailed ? 'conflict.invalid' : (issues[0]?.message ?? 'conflict.invalid');
  const status = code === 'scope.forbidden' ? 403 : 422;
  return new ApiHttpError(status, code, 'Conflict resolution(s) refused; nothing was stored.', issues.slice(0, 50));
}

/**
 * Checks that need no stored conflict (ADR 019): the row parses with the
 * shared conflictSchema, it is a resolution, made by this device at its own
 * station, by a staff member of that station.
 */
export async function validateConflictPush(q: Queryable, body: unknown, device: DeviceContext): Promise<Conflict[]> {
  const issues: FieldIssue[] = [];
  const out: Conflict[] = [];
  let schemaFailed = false;
  const staff = new Set((await listStaff(q, device.stationId)).map((s) => s.id));
  for (const [row, { next }] of envelopes(body).entries()) {
    const n = conflictSchema.safeParse(next);
    if (!n.success) {
      schemaFailed = true;
      issues.push(...zodIssues(n.error, 'newDocumentState', row));
      continue;
    }
    const r = n.data.resolution;
    if (n.data.status !== 'resolved' || r === undefined) {
      issues.push({ row, field: 'newDocumentState.status', message: 'conflict.notResolved' });
    } else {
      if (r.stationId !== device.stationId) issues.push({ row, field: 'newDocumentState.resolution.stationId', message: 'scope.forbidden' });
      if (r.deviceId !== device.deviceId) issues.push({ row, field: 'newDocumentState.resolution.deviceId', message: 'scope.forbidden' });
      if (!staff.has(r.by.id)) issues.push({ row, field: 'newDocumentState.resolution.by', message: 'staff.unknown' });
    }
    out.push(n.data);
  }
  if (issues.length > 0) throw conflictError(issues, schemaFailed);
  return out;
}

/**
 * Applies resolutions inside the caller's transaction. The only change a
 * device may make to a conflict is open → resolved, with the conflict's own
 * fields unchanged and a valid choice per clashing field. The first
 * resolution the centre receives wins: a later, different one (another
 * station resolved the same conflict offline) is logged in push_rejections
 * and the stored conflict goes back in `conflicts`, so that device adopts
 * the winner; a repeat of the stored one is a no-op (idempotent retry).
 */
export async function applyConflictRows(
  q: Queryable,
  device: DeviceContext,
  rows: readonly Conflict[],
  log: FastifyBaseLogger,
): Promise<PushOutcome<Conflict>> {
  const conflicts: Conflict[] = [];
  const written: WrittenDoc[] = [];
  const issues: FieldIssue[] = [];
  // Id order: two batches lock the same rows in the same order and cannot deadlock.
  const ordered = [...rows.entries()].sort(([, x], [, y]) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const pending: Array<{ id: string; doc: Conflict }> = [];
  for (const [row, next] of ordered) {
    const stored = await getDocForUpdate<Conflict>(q, 'conflicts', next.id);
    if (!stored) {
      issues.push({ row, field: 'newDocumentState.id', message: 'conflict.notFound' });
      continue;
    }
    if (stored.cityId !== device.cityId) {
      issues.push({ row, field: 'newDocumentState.id', message: 'scope.forbidden' });
      continue;
    }
    if (canonical(stored.data) === canonical(next)) continue;
    if (stored.data.status === 'resolved') {
      log.warn({ conflictId: next.id, deviceId: device.deviceId }, 'conflict already resolved by another resolution; kept the first');
      await logRejection(q, { deviceId: device.deviceId, collection: 'conflicts', docId: next.id, reason: 'conflict.alreadyResolved', payload: next });
      conflicts.push(stored.data);
      continue;
    }
    const problem = resolutionProblem(stored.data, next);
    if (problem !== null) {
      issues.push({ row, field: 'newDocumentState.resolution', message: problem });
      continue;
    }
    pending.push({ id: next.id, doc: next });
  }
  // Every row checked before the first write: a refused batch stores nothing.
  if (issues.length > 0) throw conflictError(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)), false);
  for (const p of pending) written.push(await updateDoc(q, 'conflicts', p.id, p.doc));
  return { conflicts, written };
}
