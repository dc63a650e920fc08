import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import type { PaymentInput } from '../../src/renderer/data/contract';
import { personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openDevice, useTestServer } from './sync-server';
import { IDBFactory } from 'fake-indexeddb';

// Two devices at a time at most: RxDB's free build caps open collections per process.
const env = useTestServer(0, { packs: true });

/** A station device enrolled with a clerk (not a reviewer) at the window, its receipt blocks leased, then taken offline. */
async function station(code: 'HX01' | 'XQ01'): Promise<LocalDataApi> {
  const { api } = await openDevice({ indexedDB: new IDBFactory(), dbName: uniqueDbName(code.toLowerCase()) });
  env.track(api);
  const session = await api.enrol(env.server().url, code, DEMO_CODES[code], `${code} window`);
  api.setOperator(session.staff.find((s) => !s.reviewer)!.id);
  await api.sync.syncNow();
  await firstValueFrom(api.payments.receiptStock$.pipe(filter((s) => s.remaining > 0)));
  await api.sync.stop();
  return api;
}

const reviewerOf = async (api: LocalDataApi): Promise<string> => (await api.session())!.staff.find((s) => s.reviewer)!.id;

describe('double coverage across two stations (real RxDB + real server)', () => {
  it('flags the same month paid offline at two stations at both, settles it by one approved refund, and refuses the second refund', async () => {
    const hx = await station('HX01');
    const xq = await station('XQ01');
    // Both register the same person offline (same key) and take the same quarter.
    const id = residentId('12010319880808123');
    const { person } = await hx.persons.register(personInput(id, { name: '周敏' }));
    await xq.persons.register(personInput(id, { name: '周敏' }));
    const quarter: PaymentInput = { personId: person.id, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, method: 'cash', channel: 'window' };
    const atHx = await hx.payments.take(quarter);
    const atXq = await xq.payments.take({ ...quarter, method: 'mobile' });
    expect(await firstValueFrom(hx.corrections.doubleCoverage$)).toEqual([]);

    // Online again: HX01 pushes, XQ01 pushes and pulls, HX01 pulls.
    await hx.sync.syncNow();
    await xq.sync.syncNow();
    await hx.sync.syncNow();
    const caseId = `${atHx.id}:${atXq.id}`;
    for (const api of [hx, xq]) {
      const [c] = await firstValueFrom(api.corrections.doubleCoverage$.pipe(filter((x) => x.length > 0)));
      expect(c).toMatchObject({ id: caseId, personName: '周敏', months: ['2025-04', '2025-05', '2025-06'], refundCandidateId: atXq.id });
      expect(c?.records.map((r) => [r.stationId, r.receiptNo])).toEqual([[atHx.stationId, atHx.receiptNo], [atXq.stationId, atXq.receiptNo]]);
    }

    // Both go offline and both refund XQ01's record; XQ01 syncs first.
    await hx.sync.stop();
    await xq.sync.stop();
    const refundXq = await xq.corrections.refund({ paymentId: atXq.id, reason: '两站重复收费', approvedBy: await reviewerOf(xq), method: 'mobile' });
    const refundHx = await hx.corrections.refund({ paymentId: atXq.id, reason: '重复缴费', approvedBy: await reviewerOf(hx), method: 'cash' });
    await xq.sync.syncNow();
    await hx.sync.syncNow();

    // HX01's refund was refused by the centre and shows in its rejections; XQ01's is in effect at both.
    const rejections = await firstValueFrom(hx.payments.rejections$.pipe(filter((r) => r.length > 0)));
    expect(rejections).toEqual([expect.objectContaining({ paymentId: refundHx.id, reason: 'refused', code: 'payment.alreadyCorrected' })]);
    await xq.sync.syncNow();
    for (const api of [hx, xq]) {
      expect(await firstValueFrom(api.corrections.doubleCoverage$.pipe(filter((x) => x.length === 0)))).toEqual([]);
      const [settled] = await firstValueFrom(api.corrections.settledCoverage$.pipe(filter((x) => x.length > 0)));
      expect(settled).toMatchObject({ id: caseId, settled: true });
      expect(settled?.records[1].correction).toEqual({ state: 'refunded', paymentId: refundXq.id });
      expect((await api.payments.get(atXq.id))?.status).toBe('refunded');
      expect((await api.payments.get(atHx.id))?.status).toBe('recorded');
    }
    expect((await xq.payments.get(refundHx.id))).toBeNull();

    // The centre agrees.
    const session = (await hx.session())!;
    const res = await fetch(`${env.server().url}/api/v1/double-coverage`, { headers: { authorization: `Bearer ${session.token}`, 'x-shebao-protocol': '1' } });
    expect(((await res.json()) as { cases: unknown[] }).cases).toEqual([]);
  });
});
