import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../../src/renderer/db/database';
import { createApiClient } from '../../src/renderer/sync/http-client';
import { newId } from '../../src/shared/ids';
import { IDBFactory } from 'fake-indexeddb';
import type { PushResponse } from '../../src/shared/sync-protocol';
import { personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';

// Two devices at a time at most: RxDB's free build caps open collections per process.
const env = useTestServer(0, { packs: true });

async function station(name: string): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const { api, store } = await openApiWithStore({ dbName: uniqueDbName('pay'), indexedDB: new IDBFactory() });
  env.track(api);
  const session = await api.enrol(env.server().url, 'HX01', DEMO_CODES.HX01, name);
  api.setOperator(session.staff[0]!.id);
  return { api, store };
}

describe('payments with the real server', () => {
  it('leases receipt numbers, takes a payment offline, syncs it, and a second device sees it; a duplicate push is harmless', async () => {
    const a = await station('window 1');
    await a.api.sync.syncNow();
    // syncNow started the live replication: what is written next is pushed as it happens.
    const stock = await firstValueFrom(a.api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
    expect(stock).toMatchObject({ remaining: 200, warn: false });
    const first = stock.nextReceiptNo;

    const { person } = await a.api.persons.register(personInput(residentId('12010319850505123'), { name: '孙丽' }));
    const payment = await a.api.payments.take({
      personId: person.id, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, method: 'mobile', channel: 'window',
    });
    expect(payment.receiptNo).toBe(first);

    await a.api.sync.syncNow();
    const after = await firstValueFrom(a.api.sync.status$);
    expect(after).toMatchObject({ pending: 0, errorCode: null });
    expect(await firstValueFrom(a.api.payments.rejections$)).toEqual([]);

    const b = await station('window 2');
    await b.api.sync.syncNow();
    const seen = await firstValueFrom(b.api.payments.forPerson(person.id).pipe(filter((v) => v.length > 0)));
    expect(seen.map((v) => [v.payment, v.status])).toEqual([[payment, 'recorded']]);
    // The second device has its own blocks: its next number is not the first device's.
    const bStock = await firstValueFrom(b.api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
    expect(bStock.nextReceiptNo).not.toBe(first);

    // The same payment pushed again: stored once, no conflict.
    const session = await a.api.session();
    const client = createApiClient({ fetchImpl: fetch, baseUrl: env.server().url, token: session!.token });
    const again = await client.post<PushResponse<unknown>>('/sync/payments/push', [{ assumedMasterState: null, newDocumentState: payment }]);
    expect(again.conflicts).toEqual([]);
    await b.api.sync.syncNow();
    expect(await firstValueFrom(b.api.payments.forPerson(person.id))).toHaveLength(1);
  });

  it('keeps a payment the centre refuses, with its code, and still syncs the good ones', async () => {
    const a = await station('window 3');
    await a.api.sync.syncNow();
    await firstValueFrom(a.api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
    const { person } = await a.api.persons.register(personInput(residentId('12010319850505456'), { name: '钱进' }));
    const good = await a.api.payments.take({
      personId: person.id, scheme: 'employee_pension', fromMonth: '2025-07', toMonth: '2025-09', baseFen: 512400, method: 'cash', channel: 'window',
    });
    // A device bug: the line claims a higher base than its amounts were computed on.
    const next = (await firstValueFrom(a.api.payments.receiptStock$)).nextReceiptNo!;
    const { _deleted: _d, ...doc } = { ...good, id: newId(), receiptNo: next, fromMonth: '2025-10', toMonth: '2025-12' };
    const bad = { ...doc, lines: doc.lines.map((l) => ({ ...l, fromMonth: '2025-10', toMonth: '2025-12', baseFen: 600000 })) };
    await a.store.payments.insert(bad);

    await a.api.sync.syncNow();
    const rejections = await firstValueFrom(a.api.payments.rejections$.pipe(filter((r) => r.length > 0)));
    expect(rejections).toEqual([expect.objectContaining({ paymentId: bad.id, reason: 'refused' })]);
    expect(rejections[0]!.code).toMatch(/^payment\./);
    const views = await firstValueFrom(a.api.payments.forPerson(person.id));
    expect(Object.fromEntries(views.map((v) => [v.payment.id, v.status]))).toEqual({ [good.id]: 'recorded', [bad.id]: 'refused' });
    expect((await firstValueFrom(a.api.sync.status$)).errorCode).toBeNull();
  });
});
