import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { createStorage, hashFunction, openLocalStore } from '../../src/renderer/db/database';
import { createPersonRepository } from '../../src/renderer/db/person-repository';
import { personSchemaV0, type PersonDoc } from '../../src/renderer/db/schemas/person-schema';
import { derivePersonKey, secretFromHex } from '../../src/shared/person-key';
import { personSchema } from '../../src/shared/person';
import { residentId, SESSION, STAFF, uniqueDbName } from './fixtures';

describe('persons schema migration', () => {
  it('opens a version-0 database and finds its person migrated to version 1 (idRev computed)', async () => {
    const indexedDB = new IDBFactory();
    const name = uniqueDbName('mig');
    const idNumber = residentId('12010319900307123');
    const id = derivePersonKey(secretFromHex(SESSION.personKeySecret), 'resident', idNumber);
    const v0Doc: Omit<PersonDoc, 'idRev'> = {
      id, idType: 'resident', idNumber, name: '刘洋', sex: 'M', birthDate: '1990-03-07', phone: '13800138000',
      hukouType: 'agricultural', address: { provinceCode: '120000', cityCode: '', countyCode: '', townCode: '', detail: '' },
      household: null, categories: [], employmentStatus: 'flexible', archiveLocation: '', notes: '', active: true,
      deactivation: null, stationId: 'ST-1', createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'S1',
      updatedAt: '2024-01-01T00:00:00.000Z', updatedBy: 'S1', updatedDevice: 'D1',
    };

    // A database as the first release wrote it: persons at schema version 0.
    const old = await createRxDatabase<{ persons: RxCollection<Omit<PersonDoc, 'idRev'>> }>({
      name, storage: await createStorage({ indexedDB, IDBKeyRange }), hashFunction, multiInstance: false, localDocuments: true,
    });
    await old.addCollections({ persons: { schema: personSchemaV0 } });
    await old.persons.insert(v0Doc);
    await old.close();

    const store = await openLocalStore(name, { indexedDB, IDBKeyRange });
    try {
      const migrated = await store.persons.findOne(id).exec();
      expect(migrated).not.toBeNull();
      const data = migrated!.toMutableJSON();
      expect(data.idRev).toBe(idNumber.split('').reverse().join(''));
      expect(personSchema.parse({ ...data, _deleted: false })).toMatchObject(v0Doc);
      // The new index answers a "last 6 digits" search.
      const repo = createPersonRepository({ store, session: () => SESSION, operator: () => STAFF[0]!, localWrite: () => undefined });
      expect((await repo.search(idNumber.slice(-6), 10)).map((p) => p.id)).toEqual([id]);
      expect(await repo.listIds()).toEqual([id]);
    } finally {
      await store.close();
    }
  });
});
