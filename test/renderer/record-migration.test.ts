import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { createStorage, hashFunction, openLocalStore } from '../../src/renderer/db/database';
import { insertRecord } from '../../src/renderer/db/record-store';
import { recordSchemaV0, toWindowRecord, type RecordDoc } from '../../src/renderer/db/schemas/record-schema';
import { recordSchema, type ContactRecord } from '../../src/shared/records';
import { uniqueDbName } from './fixtures';

describe('records schema migration (version 0 → 1, ADR 018)', () => {
  it('opens a version-0 records collection, keeps its contact record, and stores a transfer-in beside it', async () => {
    const indexedDB = new IDBFactory();
    const name = uniqueDbName('recmig');
    const contact: Omit<ContactRecord, '_deleted'> = {
      id: '01JAAAAAAAAAAAAAAAAAAAAA01', kind: 'contact', personId: 'p0123456789abcdef0123456789abcdef', channel: 'call', outcome: 'will_resume',
      note: '下月来办', followUpDate: null, stationId: 'ST-HX01', deviceId: 'DEV-1', staffId: 'S-WANG', createdAt: '2026-01-02T01:00:00.000Z',
    };
    const old = await createRxDatabase<{ records: RxCollection<RecordDoc> }>({
      name, storage: await createStorage({ indexedDB, IDBKeyRange }), hashFunction, multiInstance: false, localDocuments: true,
    });
    await old.addCollections({ records: { schema: recordSchemaV0 } });
    await old.records.insert(contact);
    await old.close();

    const store = await openLocalStore(name, { indexedDB, IDBKeyRange });
    try {
      const docs = await store.records.find().exec();
      expect(docs.map((d) => recordSchema.parse(toWindowRecord(d.toMutableJSON())))).toEqual([{ ...contact, _deleted: false }]);
      const transfer = await insertRecord({ store, localWrite: () => undefined }, {
        id: '01JAAAAAAAAAAAAAAAAAAAAA02', kind: 'transfer_in', personId: contact.personId, scheme: 'employee_pension', status: 'in_transit',
        fromRegionCode: null, fromInstitution: '北京市社会保险基金管理中心', fromMonth: '2010-01', toMonth: '2012-12', monthsPaid: 36, deemedMonths: 0,
        baseTotalFen: 18_000_000, personalAccountFen: 1_440_000, pooledFundFen: 2_160_000, documents: ['transfer_form'], note: '',
        stationId: 'ST-HX01', deviceId: 'DEV-1', staffId: 'S-WANG', createdAt: '2026-01-03T01:00:00.000Z', _deleted: false,
      });
      const stored = await store.records.findOne(transfer.id).exec();
      expect(stored && toWindowRecord(stored.toMutableJSON())).toEqual(transfer);
    } finally {
      await store.close();
    }
  });
});
