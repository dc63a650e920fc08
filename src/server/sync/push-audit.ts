import type { FastifyBaseLogger } from 'fastify';
import type { AuditEvent } from '../../shared/audit';
import { deepEqual } from '../../shared/merge';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { getDocForUpdate, insertDocIfAbsent, logRejection, type WrittenDoc } from './docs-store';
import type { PushOutcome } from './push-persons';

/**
 * Audit is append-only: a new id is inserted, an identical retry is a
 * no-op, and the same id with other content is never written: the stored
 * event goes back in `conflicts`, and the attempt is logged as an error
 * and kept in push_rejections for review.
 */
export async function applyAuditRows(
  q: Queryable,
  device: DeviceContext,
  events: readonly AuditEvent[],
  log: FastifyBaseLogger,
): Promise<PushOutcome<AuditEvent>> {
  const conflicts: AuditEvent[] = [];
  const written: WrittenDoc[] = [];
  // Id order for the same reason as persons: no lock-order deadlocks between concurrent batches.
  const ordered = [...events].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const ev of ordered) {
    const inserted = await insertDocIfAbsent(q, { collection: 'audit', id: ev.id, cityId: device.cityId, stationId: ev.stationId, data: ev });
    if (inserted) {
      written.push(inserted);
      continue;
    }
    const stored = await getDocForUpdate<AuditEvent>(q, 'audit', ev.id);
    if (!stored) throw new Error(`audit ${ev.id} vanished inside its transaction`);
    if (stored.cityId !== device.cityId) throw new ApiHttpError(403, 'scope.forbidden', 'Audit event belongs to another city.');
    if (deepEqual(stored.data, ev)) continue;
    log.error({ auditId: ev.id, deviceId: device.deviceId }, 'audit event id reused with different content; not overwritten');
    await logRejection(q, { deviceId: device.deviceId, collection: 'audit', docId: ev.id, reason: 'audit.immutable', payload: ev });
    conflicts.push(stored.data);
  }
  return { conflicts, written };
}
