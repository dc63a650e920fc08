import { IDBFactory } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { chinaDay, nextDay } from '../../src/shared/closeout/closeout-days';
import type { PaymentInput } from '../../src/renderer/data/contract';
import { personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';

// Two devices at a time at most: RxDB's free build caps open collections per process.
const env = useTestServer(0, { packs: true });

async function device(name: string): Promise<LocalDataApi> {
  const { api } = await openApiWithStore({ dbName: uniqueDbName('clo'), indexedDB: new IDBFactory() });
  env.track(api);
  const session = await api.enrol(env.server().url, 'HX01', DEMO_CODES.HX01, name);
  // The same clerk works on both windows' laptops.
  api.setOperator(session.staff[0]!.id);
  await api.sync.syncNow();
  await firstValueFrom(api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
  return api;
}

const quarter = (personId: string, method: PaymentInput['method']): PaymentInput => ({
  personId, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, method, channel: 'window',
});

describe('close-out across two devices of a station', () => {
  it('a payment of the closed day that arrives by sync falls on the next day at both devices; the closed day stays as closed', async () => {
    const a = await device('window 1');
    const { person } = await a.persons.register(personInput(residentId('12010319850505321'), { name: '钱七' }));
    await a.sync.syncNow();
    const b = await device('window 2');
    // B works offline: its payment reaches the centre only after A closed the day.
    await b.sync.stop();
    const late = await b.payments.take(quarter(person.id, 'mobile'));

    const early = await a.payments.take(quarter(person.id, 'cash'));
    const day = chinaDay(early.createdAt);
    const closed = await a.closeouts.close(day);
    expect(closed.paymentIds).toEqual([early.id]);
    await a.sync.syncNow();
    expect(await firstValueFrom(a.sync.status$)).toMatchObject({ pending: 0, errorCode: null });

    b.sync.start();
    await b.sync.syncNow();
    expect(await firstValueFrom(b.sync.status$)).toMatchObject({ pending: 0, errorCode: null });
    await a.sync.syncNow();

    for (const api of [a, b]) {
      const closedDay = await firstValueFrom(api.closeouts.observe(day).pipe(filter((d) => d.closeout !== null && d.records.length > 0)));
      expect(closedDay.closeout).toEqual(closed);
      expect(closedDay.records.map((p) => p.id)).toEqual([early.id]);
      expect(closedDay.totals).toEqual(closed.totals);
      expect(closedDay.totals.takenFen).toBe(early.paidFen);
      const next = await firstValueFrom(api.closeouts.observe(nextDay(day)).pipe(filter((d) => d.records.length > 0)));
      expect(next.records.map((p) => p.id)).toEqual([late.id]);
      expect(next.totals).toMatchObject({ takenFen: late.paidFen, byMethod: [{ method: 'mobile', count: 1, takenFen: late.paidFen, returnedFen: 0 }] });
      expect((await firstValueFrom(api.closeouts.list$)).map((c) => c.id)).toEqual([closed.id]);
    }
  });
});
