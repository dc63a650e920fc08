import type { FastifyBaseLogger } from 'fastify';
import { canonicalJson } from '../../shared/policy/canonical-json';
import type { WindowRecord } from '../../shared/records';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { getDocForUpdate, insertDocIfAbsent, logRejection, type WrittenDoc } from './docs-store';
import type { PushOutcome } from './push-persons';

/** Canonical JSON equality: key order never makes two equal records differ. */
const sameRecord = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * Applies validated window records inside the caller's transaction
 * (ADR 012). Records are immutable like payments: an absent id is
 * inserted, an identical retry is a no-op (its pull position does not
 * change), and the same id with other content is never written — the
 * stored record goes back in `conflicts`, and the attempt is logged and
 * kept in push_rejections.
 */
export async function applyRecordRows(
  q: Queryable,
  device: DeviceContext,
  records: readonly WindowRecord[],
  log: FastifyBaseLogger,
): Promise<PushOutcome<WindowRecord>> {
  const conflicts: WindowRecord[] = [];
  const written: WrittenDoc[] = [];
  // Id order, like audit: concurrent batches lock rows in the same order and cannot deadlock.
  const ordered = [...records].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const r of ordered) {
    const inserted = await insertDocIfAbsent(q, { collection: 'records', id: r.id, cityId: device.cityId, stationId: r.stationId, data: r });
    if (inserted) {
      written.push(inserted);
      continue;
    }
    const stored = await getDocForUpdate<WindowRecord>(q, 'records', r.id);
    if (!stored) throw new Error(`record ${r.id} vanished inside its transaction`);
    if (stored.cityId !== device.cityId) throw new ApiHttpError(403, 'scope.forbidden', 'Record belongs to another city.');
    if (sameRecord(stored.data, r)) continue;
    log.error({ recordId: r.id, deviceId: device.deviceId }, 'record id reused with different content; not overwritten');
    await logRejection(q, { deviceId: device.deviceId, collection: 'records', docId: r.id, reason: 'record.idConflict', payload: r });
    conflicts.push(stored.data);
  }
  return { conflicts, written };
}
