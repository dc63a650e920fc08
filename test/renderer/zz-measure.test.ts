import { it } from 'vitest';
import { openTestStore, residentId } from './fixtures';
import { derivePersonKey, secretFromHex } from '../../src/shared/person-key';
import { SESSION } from './fixtures';
import type { PersonDoc } from '../../src/renderer/db/schemas/person-schema';

it('measure', async () => {
  const t = await openTestStore();
  const N = Number(process.env.N ?? 20000);
  const secret = secretFromHex(SESSION.personKeySecret);
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  let t0 = Date.now();
  for (let b = 0; b < N; b += 2000) {
    const docs: PersonDoc[] = [];
    for (let i = b; i < Math.min(N, b + 2000); i++) {
      const idNumber = residentId(`1201031990${String(i).padStart(7, '0')}`.slice(0, 17));
      const id = derivePersonKey(secret, 'resident', idNumber);
      docs.push({ id, idType: 'resident', idNumber, idRev: idNumber.split('').reverse().join(''), name: surnames[i % 20]! + '某' + String(i), sex: 'M', birthDate: '1990-01-01', phone: `138${String(i).padStart(8, '0')}`, hukouType: 'urban', address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: '', detail: '友谊路' }, household: null, categories: [], employmentStatus: 'unemployed', archiveLocation: '', notes: '', active: true, deactivation: null, stationId: 'S', createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'S', updatedAt: '2024-01-01T00:00:00.000Z', updatedBy: 'S', updatedDevice: 'D' });
    }
    await t.store.persons.bulkInsert(docs);
  }
  console.log('insert', N, Date.now() - t0);
  t0 = Date.now();
  const ids = await t.persons.listIds();
  console.log('listIds dexie keys', ids.length, Date.now() - t0);
  t0 = Date.now();
  const all = await t.store.persons.find({ selector: {}, sort: [{ name: 'asc' }] }).exec();
  console.log('rxdb find().exec()', all.length, Date.now() - t0);
  t0 = Date.now();
  console.log('count', await t.persons.count(), Date.now() - t0);
  t0 = Date.now();
  for (let i = 0; i < 50; i++) await t.persons.search('王某1' + String(i), 50);
  console.log('name search x50', Date.now() - t0);
  t0 = Date.now();
  for (let i = 0; i < 50; i++) await t.persons.search(ids[i * 10]!.slice(0, 0) + residentId(`1201031990${String(i * 37).padStart(7, '0')}`.slice(0, 17)), 50);
  console.log('full id search x50', Date.now() - t0);
  await t.store.close();
}, 600_000);
