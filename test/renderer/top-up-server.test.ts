import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { todayInChina } from '../../src/shared/id-number';
import { createApp } from '../../src/server/http/app';
import { migrate } from '../../src/server/db/migrations';
import { openPglite } from '../../src/server/db/pglite-db';
import type { SqlDb } from '../../src/server/db/sql-db';
import { seedDemo } from '../../src/server/demo/seed';
import { ensureSigningKey } from '../../src/server/policy/centre-keys';
import { publishPack } from '../../src/server/policy/pack-store';
import { dataError, personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore } from './sync-server';
import { clockFrom } from './test-clock';

const PACK_DIR = join(import.meta.dirname, '../../assets/policy-packs');
const packFile = (file: string): unknown => JSON.parse(readFileSync(join(PACK_DIR, file), 'utf8'));

// The centre of this file: Tianjin's 2024 pack only at first; the 2025 pack is published late, in the test.
let db: SqlDb;
let url = '';
let close: () => Promise<void> = () => Promise.resolve();
const opened: LocalDataApi[] = [];

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemo(db, { people: 0 });
  const first = await publishPack(db, packFile('tianjin-2024.1.json'), await ensureSigningKey(db));
  if (!first.ok) throw new Error(first.code);
  const app = await createApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  close = async () => {
    await app.close();
    await db.close();
  };
});

afterAll(async () => {
  for (const api of opened) await api.close();
  await close();
});

async function device(station: keyof typeof DEMO_CODES, name: string): Promise<LocalDataApi> {
  // Taken in January 2025, so that its first quarter is a regular payment, not a back-payment (ADR 017).
  const { api } = await openApiWithStore({ dbName: uniqueDbName('topup'), indexedDB: new IDBFactory(), now: clockFrom('2025-01-15T04:00:00.000Z') });
  opened.push(api);
  const session = await api.enrol(url, station, DEMO_CODES[station], name);
  api.setOperator(session.staff[0]!.id);
  await api.sync.syncNow();
  await firstValueFrom(api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
  return api;
}

describe('补差 after a late pack, with the real server', () => {
  it('payments under the 2024 pack → 2025 pack published → the device lists who owes, takes it with receipts, the centre accepts it, nothing is owed twice', async () => {
    const a = await device('HX01', 'window 1');
    const low = (await a.persons.register(personInput(residentId('12010319700101123'), { name: '赵补差' }))).person;
    const fine = (await a.persons.register(personInput(residentId('12010319700101456'), { name: '钱足额' }))).person;
    const other = (await a.persons.register(personInput(residentId('12010319700101789'), { name: '孙另一' }))).person;
    const pay = (personId: string, fromMonth: string, toMonth: string, baseFen: number) =>
      a.payments.take({ personId, scheme: 'employee_pension', fromMonth, toMonth, baseFen, method: 'cash', channel: 'window' });
    // 2025 Q1 taken before the 2025 pack arrived: the 2024 floor 5013 was in force.
    const original = await pay(low.id, '2025-01', '2025-03', 501_300);
    await pay(fine.id, '2025-01', '2025-03', 512_400);
    const otherOriginal = await pay(other.id, '2025-04', '2025-04', 501_300);
    await a.sync.syncNow();
    expect(await firstValueFrom(a.topUps.worklist('amount'))).toEqual([]);

    // The centre publishes Tianjin 2025 (floor 5124) late; the device pulls it at its next sync.
    const late = await publishPack(db, packFile('tianjin-2025.1.json'), await ensureSigningKey(db));
    expect(late.ok).toBe(true);
    await a.sync.syncNow();
    const list = await firstValueFrom(a.topUps.worklist('amount').pipe(filter((rows) => rows.length > 0)));
    // (5124 − 5013) × 20% = 22.20 a month (DOMAIN.md §4): 3 months = 66.60, 1 month = 22.20.
    expect(list).toEqual([
      { personId: low.id, name: '赵补差', idNumber: low.idNumber, schemes: ['employee_pension'], months: ['2025-01', '2025-02', '2025-03'], totalFen: 6_660 },
      { personId: other.id, name: '孙另一', idNumber: other.idNumber, schemes: ['employee_pension'], months: ['2025-04'], totalFen: 2_220 },
    ]);
    expect((await firstValueFrom(a.topUps.worklist('name'))).map((r) => r.name)).toEqual(['孙另一', '赵补差']);

    const view = await firstValueFrom(a.topUps.forPerson(low.id));
    expect(view).toMatchObject({ totalFen: 6_660, records: 1 });
    expect(view.items.map((i) => [i.month, i.paidBaseFen, i.newFloorFen, i.owedFen, i.paidPackVersion, i.newPackVersion, i.refReceiptNo])).toEqual(
      ['2025-01', '2025-02', '2025-03'].map((m) => [m, 501_300, 512_400, 2_220, '2024.1', '2025.1', original.receiptNo]),
    );

    // Two 补差 and a new payment at once: one receipt serial queue, three different numbers.
    const [topUps, otherTopUps, next] = await Promise.all([
      a.topUps.take({ personId: low.id, method: 'mobile' }),
      a.topUps.take({ personId: other.id, scheme: 'employee_pension', method: 'cash' }),
      pay(fine.id, '2025-04', '2025-06', 512_400),
    ]);
    expect(topUps).toHaveLength(1);
    const topUp = topUps[0]!;
    expect(topUp).toMatchObject({ kind: 'top_up', refId: original.id, totalFen: 6_660, paidFen: 6_660, method: 'mobile', fromMonth: '2025-01', toMonth: '2025-03' });
    expect(new Set([topUp.receiptNo, otherTopUps[0]!.receiptNo, next.receiptNo, original.receiptNo]).size).toBe(4);
    expect(otherTopUps[0]!.refId).toBe(otherOriginal.id);
    expect(await firstValueFrom(a.topUps.worklist('amount'))).toEqual([]);
    expect((await dataError(a.topUps.take({ personId: low.id, method: 'cash' }))).code).toBe('topUp.nothingOwed');

    // The centre recomputes and accepts the top_up records (checkTopUp); a second station sees nothing owed.
    await a.sync.syncNow();
    expect(await firstValueFrom(a.payments.rejections$)).toEqual([]);
    expect(await firstValueFrom(a.sync.status$)).toMatchObject({ pending: 0, errorCode: null });
    const b = await device('XQ01', 'window 2');
    const seen = await firstValueFrom(b.payments.forPerson(low.id).pipe(filter((v) => v.length === 2)));
    expect(seen.map((v) => [v.payment.kind, v.status])).toEqual(expect.arrayContaining([['contribution', 'recorded'], ['top_up', 'recorded']]));
    expect(await firstValueFrom(b.topUps.worklist('amount'))).toEqual([]);

    // Statement at the other station: 2025 credits 3 × 401.04 + 3 × 8.88 = 1229.76 (8% of the bases).
    const s = await firstValueFrom(b.statements.forPersonScheme(low.id, 'employee_pension'));
    expect(s.paidRanges).toEqual([{ from: '2025-01', to: '2025-03', months: 3 }]);
    const year = Number(todayInChina().slice(0, 4));
    expect(s.years[0]).toMatchObject({ year: 2025, openingFen: 0, creditsFen: 122_976 });
    expect(s.balanceFen).toBe(122_976 + s.totalInterestFen);
    expect(s.years.map((y) => y.year)).toEqual(Array.from({ length: year - 2024 }, (_, i) => 2025 + i));
  });
});
