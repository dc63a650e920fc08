import { createHash } from 'node:crypto';
import type { Conflict } from '../../shared/conflict';
import { nowIso } from '../../shared/ids';
import { canonical, deepEqual, mergePerson, type FieldClash } from '../../shared/merge';
import { PERSON_MERGE_FIELDS, personSchema, type Person } from '../../shared/person';
import type { PushRow } from '../../shared/sync-protocol';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';
import { getDocForUpdate, insertDocIfAbsent, updateDoc, type WrittenDoc } from './docs-store';

export interface PushOutcome<T> {
  readonly conflicts: T[];
  readonly written: WrittenDoc[];
}

/**
 * Conflict ids are derived from the person and the clash itself, so a
 * retried push that meets the same clash again does not open a second
 * conflict (push stays idempotent).
 */
function conflictId(entityId: string, clashes: readonly FieldClash[]): string {
  return `c${createHash('sha256').update(`${entityId}|${canonical(clashes)}`).digest('hex').slice(0, 32)}`;
}

function conflictDoc(entityId: string, clashes: readonly FieldClash[], device: DeviceContext): Conflict {
  return {
    id: conflictId(entityId, clashes),
    entity: 'person',
    entityId,
    // JSON has no undefined: an absent base (two offline creations) is stored as null.
    fields: clashes.map((c) => ({ field: c.field, base: c.base ?? null, local: c.local ?? null, server: c.server ?? null })),
    deviceId: device.deviceId,
    stationId: device.stationId,
    createdAt: nowIso(),
    status: 'open',
    _deleted: false,
  };
}

/** Every merge field that differs: used when a merge result fails validation and the server keeps its whole doc. */
function allDifferences(base: Person | null, local: Person, server: Person): FieldClash[] {
  return PERSON_MERGE_FIELDS.filter((f) => !deepEqual(local[f], server[f])).map((field) => ({
    field,
    base: base ? base[field] : null,
    local: local[field],
    server: server[field],
  }));
}

/**
 * Applies validated person rows inside the caller's transaction
 * (docs/protocol.md §Push): insert when absent; no-op when equal; write
 * when the device saw the current server state; otherwise three-way merge,
 * keep the server value on same-field clashes and open a conflict. The
 * server's resulting doc is returned in `conflicts` whenever it differs
 * from what the device sent, so the device adopts it.
 */
export async function applyPersonRows(q: Queryable, device: DeviceContext, rows: readonly PushRow<Person>[]): Promise<PushOutcome<Person>> {
  const conflicts: Person[] = [];
  const written: WrittenDoc[] = [];
  // Rows are locked in id order (stable: repeats of one id keep their order), so two
  // concurrent batches that touch the same people cannot deadlock on each other.
  const ordered = [...rows].sort((x, y) => (x.newDocumentState.id < y.newDocumentState.id ? -1 : x.newDocumentState.id > y.newDocumentState.id ? 1 : 0));
  for (const { assumedMasterState: base, newDocumentState: local } of ordered) {
    const inserted = await insertDocIfAbsent(q, { collection: 'persons', id: local.id, cityId: device.cityId, stationId: local.stationId, data: local });
    if (inserted) {
      written.push(inserted);
      continue;
    }
    const stored = await getDocForUpdate<Person>(q, 'persons', local.id);
    if (!stored) throw new Error(`person ${local.id} vanished inside its transaction`);
    if (stored.cityId !== device.cityId) throw new ApiHttpError(403, 'scope.forbidden', 'Person belongs to another city.');
    const server = stored.data;
    if (deepEqual(server, local)) continue; // idempotent retry
    if (base !== null && deepEqual(base, server)) {
      written.push(await updateDoc(q, 'persons', local.id, local));
      continue;
    }
    let { merged, clashes } = mergePerson(base, local, server);
    if (!personSchema.safeParse(merged).success) {
      merged = server;
      clashes = allDifferences(base, local, server);
    }
    if (!deepEqual(merged, server)) written.push(await updateDoc(q, 'persons', local.id, merged));
    if (clashes.length > 0) {
      const c = conflictDoc(local.id, clashes, device);
      const w = await insertDocIfAbsent(q, { collection: 'conflicts', id: c.id, cityId: device.cityId, stationId: device.stationId, data: c });
      if (w) written.push(w);
    }
    conflicts.push(merged);
  }
  return { conflicts, written };
}
