import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { createStorage, hashFunction, openLocalStore } from '../../src/renderer/db/database';
import { auditSchemaV0, type AuditDoc } from '../../src/renderer/db/schemas/audit-schema';
import { conflictSchemaV0, type ConflictDoc } from '../../src/renderer/db/schemas/conflict-schema';
import { uniqueDbName } from './fixtures';

describe('conflicts and audit schema migration (version 0 → 1, ADR 019)', () => {
  it('opens a version-0 database and keeps its open conflict and audit event unchanged', async () => {
    const indexedDB = new IDBFactory();
    const name = uniqueDbName('migc');
    const conflict: Omit<ConflictDoc, 'resolution'> = {
      id: 'c0123', entity: 'person', entityId: `p${'ab'.repeat(16)}`,
      fields: [{ field: 'phone', base: null, local: '13700000003', server: '13900000002' }],
      deviceId: 'D2', stationId: 'ST2', createdAt: '2025-01-02T00:00:00.000Z', status: 'open',
    };
    const event: Omit<AuditDoc, 'hlc'> = {
      id: '01JABCDEFGHJKMNPQRSTVWXYZ0', entity: 'person', entityId: conflict.entityId, action: 'create', fields: ['name'],
      staffId: 'S1', staffName: '张丽华', deviceId: 'D1', stationId: 'ST1', at: '2025-01-01T00:00:00.000Z',
    };
    const old = await createRxDatabase<{ conflicts: RxCollection<Omit<ConflictDoc, 'resolution'>>; audit: RxCollection<Omit<AuditDoc, 'hlc'>> }>({
      name, storage: await createStorage({ indexedDB, IDBKeyRange }), hashFunction, multiInstance: false, localDocuments: true,
    });
    await old.addCollections({ conflicts: { schema: conflictSchemaV0 }, audit: { schema: auditSchemaV0 } });
    await old.conflicts.insert(conflict);
    await old.audit.insert(event);
    await old.close();

    const store = await openLocalStore(name, { indexedDB, IDBKeyRange });
    try {
      expect((await store.conflicts.findOne(conflict.id).exec())?.toMutableJSON()).toEqual(conflict);
      expect((await store.audit.findOne(event.id).exec())?.toMutableJSON()).toEqual(event);
      // Version 1 takes the new optional properties.
      await store.conflicts.findOne(conflict.id).exec().then((d) => d?.incrementalPatch({ status: 'resolved', resolution: { by: { id: 'S1', name: '张丽华' }, stationId: 'ST1', deviceId: 'D1', at: '2025-01-03T00:00:00.000Z', fields: [{ field: 'phone', choice: 'server', value: '13900000002' }] } }));
      expect((await store.conflicts.findOne(conflict.id).exec())?.status).toBe('resolved');
    } finally {
      await store.close();
    }
  });
});
