import { IDBFactory } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../../src/renderer/db/database';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { recordRejections$ } from '../../src/renderer/db/record-store';
import type { TransferInInput } from '../../src/renderer/data/transfer-in-contract';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths } from '../../src/shared/months';
import { dataError, personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';

// Two devices at a time at most: RxDB's free build caps open collections per process.
const env = useTestServer();
const THIS_MONTH = todayInChina().slice(0, 7);

async function station(code: keyof typeof DEMO_CODES): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const opened = await openApiWithStore({ dbName: uniqueDbName('tin'), indexedDB: new IDBFactory() });
  env.track(opened.api);
  const session = await opened.api.enrol(env.server().url, code, DEMO_CODES[code], `${code} window`);
  opened.api.setOperator(session.staff[0]!.id);
  return opened;
}

const input = (personId: string, overrides: Partial<TransferInInput> = {}): TransferInInput => ({
  personId, scheme: 'employee_pension', fromRegionCode: '130100', fromInstitution: '石家庄市社会保险事业管理局',
  fromMonth: '2015-01', toMonth: '2024-12', monthsPaid: 118, deemedMonths: 30, baseTotalFen: 472_000_000,
  personalAccountFen: 4_720_000, pooledFundFen: 56_640_000, documents: ['contribution_certificate', 'transfer_form'], note: ' 邮寄 ', ...overrides,
});

describe('transfer-in through the real server', () => {
  it('a transfer recorded at HX01 shows at XQ01 after sync; confirming it there activates the enrolment, and HX01 sees both', async () => {
    const a = await station('HX01');
    const { person } = await a.api.persons.register(personInput(residentId('13010219750315001'), { name: '燕赤霞' }));
    const transfer = await a.api.transfers.record(input(person.id));
    expect(transfer).toMatchObject({ kind: 'transfer_in', status: 'in_transit', note: '邮寄' });
    await a.api.sync.syncNow();
    expect((await firstValueFrom(a.api.sync.status$)).errorCode).toBeNull();
    expect(await firstValueFrom(recordRejections$(a.store.db))).toEqual([]);

    const b = await station('XQ01');
    await b.api.sync.syncNow();
    const seen = await firstValueFrom(b.api.transfers.forPerson(person.id).pipe(filter((v) => v.transfers.length > 0)));
    expect(seen.transfers.map((t) => [t.transfer, t.status, t.staffName])).toEqual([[transfer, 'in_transit', transfer.staffId]]);
    expect(seen.stored).toMatchObject({ transferredMonths: 0, deemedFrom: 'none' });

    const decision = await b.api.transfers.decide({ personId: person.id, transferId: transfer.id, outcome: 'confirmed', reason: null });
    expect(decision).toMatchObject({ kind: 'transfer_result', status: 'confirmed', transferId: transfer.id, effectiveMonth: THIS_MONTH });
    const enrolled = await firstValueFrom(b.api.enrolments.forPerson(person.id).pipe(filter((v) => v.history.length > 0)));
    expect(enrolled.schemes.find((s) => s.scheme === 'employee_pension')).toMatchObject({ status: 'active', since: THIS_MONTH });
    // Decided once: a second decision at the same station is refused.
    expect((await dataError(b.api.transfers.decide({ personId: person.id, transferId: transfer.id, outcome: 'rejected', reason: '重复' }))).code).toBe('transfer.decided');
    await b.api.sync.syncNow();
    expect((await firstValueFrom(b.api.sync.status$)).errorCode).toBeNull();

    await a.api.sync.syncNow();
    const back = await firstValueFrom(a.api.transfers.forPerson(person.id).pipe(filter((v) => v.transfers[0]?.status === 'confirmed')));
    expect(back.stored).toMatchObject({ transferredMonths: 118, deemedMonths: 30, deemedFrom: 'transfers', transferredAccountFen: 4_720_000 });
    const atA = await firstValueFrom(a.api.enrolments.forPerson(person.id).pipe(filter((v) => v.history.length > 0)));
    expect(atA.schemes.find((s) => s.scheme === 'employee_pension')?.status).toBe('active');
    // A deemed-years record from the archive overrides the transfers' figure.
    await a.api.transfers.setDeemedMonths(person.id, 42, '档案审核');
    const overridden = await firstValueFrom(a.api.transfers.forPerson(person.id).pipe(filter((v) => v.stored.deemedFrom === 'history')));
    expect(overridden.stored.deemedMonths).toBe(42);
    await a.api.sync.syncNow();
    expect(await firstValueFrom(recordRejections$(a.store.db))).toEqual([]);
  });

  it('refuses bad input with codes and stores nothing; a rejection needs a reason and leaves the enrolment alone', async () => {
    const a = await station('HX01');
    const { person } = await a.api.persons.register(personInput(residentId('12010319800101555'), { name: '宁采臣' }));
    const count = async () => (await a.store.records.find().exec()).length;
    expect((await dataError(a.api.transfers.record(input(person.id, { fromMonth: '2025-01', toMonth: '2024-12' })))).code).toBe('transfer.monthOrder');
    expect((await dataError(a.api.transfers.record(input(person.id, { monthsPaid: 500 })))).code).toBe('transfer.monthsPaid');
    expect((await dataError(a.api.transfers.record(input(person.id, { pooledFundFen: -5 })))).code).toBe('transfer.amountNegative');
    expect((await dataError(a.api.transfers.record(input(person.id, { fromInstitution: '  ' })))).code).toBe('field.required');
    expect((await dataError(a.api.transfers.record(input(person.id, { toMonth: addMonths(THIS_MONTH, 1) })))).code).toBe('transfer.futureMonth');
    expect((await dataError(a.api.transfers.record(input(person.id, { toMonth: '2999-01' })))).code).toBe('month.format');
    expect((await dataError(a.api.transfers.record(input('p0123456789abcdef0123456789abcdef')))).code).toBe('person.notFound');
    expect(await count()).toBe(0);

    const t = await a.api.transfers.record(input(person.id, { scheme: 'employee_medical', pooledFundFen: 0 }));
    expect((await dataError(a.api.transfers.decide({ personId: person.id, transferId: t.id, outcome: 'rejected', reason: ' ' }))).code).toBe('field.required');
    await a.api.transfers.decide({ personId: person.id, transferId: t.id, outcome: 'rejected', reason: '转出地未办结' });
    const view = await firstValueFrom(a.api.transfers.forPerson(person.id).pipe(filter((v) => v.transfers[0]?.status === 'rejected')));
    expect(view.transfers[0]?.decision?.reason).toBe('转出地未办结');
    const enrolments = await firstValueFrom(a.api.enrolments.forPerson(person.id));
    expect(enrolments.records).toEqual([]);
    await a.api.sync.syncNow();
    expect((await firstValueFrom(a.api.sync.status$)).errorCode).toBeNull();
  });
});
