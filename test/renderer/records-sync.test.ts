import { IDBFactory } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../../src/renderer/db/database';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { insertRecord, recordRejections$ } from '../../src/renderer/db/record-store';
import { toWindowRecord } from '../../src/renderer/db/schemas/record-schema';
import { createApiClient } from '../../src/renderer/sync/http-client';
import { newId, nowIso } from '../../src/shared/ids';
import type { EnrolmentRecord, WindowRecord } from '../../src/shared/records';
import type { PushResponse } from '../../src/shared/sync-protocol';
import { createEnrolmentRepository } from '../../src/renderer/db/enrolment-repository';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths } from '../../src/shared/months';
import { closedAfterEach, dataError, openTestStore, personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';

// Two devices at a time at most: RxDB's free build caps open collections per process (six per device).
const env = useTestServer();

interface Station {
  readonly api: LocalDataApi;
  readonly store: LocalStore;
}

async function station(code: keyof typeof DEMO_CODES, name: string): Promise<Station> {
  const { api, store } = await openApiWithStore({ dbName: uniqueDbName('rec'), indexedDB: new IDBFactory() });
  env.track(api);
  const session = await api.enrol(env.server().url, code, DEMO_CODES[code], name);
  api.setOperator(session.staff[0]!.id);
  return { api, store };
}

async function enrolmentAt(s: Station, personId: string, overrides: Partial<EnrolmentRecord> = {}): Promise<EnrolmentRecord> {
  const session = (await s.api.session())!;
  const record = await insertRecord({ store: s.store, localWrite: () => undefined }, {
    id: newId(), kind: 'enrolment', personId, scheme: 'residents_pension', status: 'active', effectiveMonth: '2025-01', reason: null,
    stationId: session.stationId, deviceId: session.deviceId, staffId: s.api.operator()!.id, createdAt: nowIso(), _deleted: false,
    ...overrides,
  });
  if (record.kind !== 'enrolment') throw new Error('not an enrolment');
  return record;
}

const recordsOf = async (s: Station): Promise<WindowRecord[]> => (await s.store.records.find().exec()).map((d) => toWindowRecord(d.toMutableJSON()));

describe('records collection with the real server', () => {
  it('a record written offline at one station arrives at another station of the city', async () => {
    const a = await station('HX01', 'hx window');
    const { person } = await a.api.persons.register(personInput(residentId('12010319800101111'), { name: '赵云' }));
    // Written before the first sync: the person reaches the centre in the same round (persons first).
    const record = await enrolmentAt(a, person.id);
    await a.api.sync.syncNow();
    expect((await firstValueFrom(a.api.sync.status$)).errorCode).toBeNull();

    const b = await station('XQ01', 'xq window');
    await b.api.sync.syncNow();
    const seen = await recordsOf(b);
    expect(seen).toEqual([record]);
    expect(await firstValueFrom(recordRejections$(a.store.db))).toEqual([]);
  });

  it('keeps the centre\'s record when another device already holds the id, and notes ours', async () => {
    const a = await station('HX01', 'hx window 2');
    const { person } = await a.api.persons.register(personInput(residentId('12010319800101333'), { name: '孙权' }));
    await a.api.sync.syncNow();
    // The centre already holds a record under the id this device is about to use.
    const session = (await a.api.session())!;
    const id = newId();
    const theirs: EnrolmentRecord = {
      id, kind: 'enrolment', personId: person.id, scheme: 'residents_medical', status: 'active', effectiveMonth: '2025-01', reason: null,
      stationId: session.stationId, deviceId: session.deviceId, staffId: a.api.operator()!.id, createdAt: '2025-01-02T01:00:00.000Z', _deleted: false,
    };
    const client = createApiClient({ fetchImpl: fetch, baseUrl: env.server().url, token: session.token });
    expect(await client.post<PushResponse<unknown>>('/sync/records/push', [{ assumedMasterState: null, newDocumentState: theirs }])).toEqual({ conflicts: [] });
    const mine = await enrolmentAt(a, person.id, { id, scheme: 'residents_pension' });
    await a.api.sync.syncNow();
    const rejections = await firstValueFrom(recordRejections$(a.store.db).pipe(filter((r) => r.length > 0)));
    expect(rejections).toEqual([expect.objectContaining({ recordId: id, reason: 'conflict', code: 'record.conflict', local: mine })]);
    const stored = await firstValueFrom(a.store.records.findOne(id).$.pipe(filter((d) => d?.scheme === 'residents_medical')));
    expect(stored && toWindowRecord(stored.toMutableJSON())).toEqual(theirs);
  });
});

const THIS_MONTH = todayInChina().slice(0, 7);

describe('enrolment repository over the records collection', () => {
  const open = closedAfterEach(async () => {
    const t = await openTestStore();
    const enrolments = createEnrolmentRepository({
      store: t.store, session: () => t.session, operator: () => t.operator,
      localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
    });
    const { person } = await t.persons.register(personInput(residentId('12010319750505123'), { name: '周瑜' }));
    return Object.assign(t, { enrolments, personId: person.id });
  });

  it('enrols, suspends with a reason, and shows both newest first with staff and station; records and audit are pending', async () => {
    const t = await open();
    const enrol = await t.enrolments.setStatus({ personId: t.personId, scheme: 'residents_pension', status: 'active', effectiveMonth: addMonths(THIS_MONTH, -2), reason: null });
    const suspend = await t.enrolments.setStatus({ personId: t.personId, scheme: 'residents_pension', status: 'suspended', effectiveMonth: THIS_MONTH, reason: ' 外出务工 ' });
    expect(suspend).toMatchObject({ kind: 'enrolment', status: 'suspended', reason: '外出务工', staffId: 'S-WANG', stationId: 'ST-HX01', deviceId: 'DEV-1' });
    const view = await firstValueFrom(t.enrolments.forPerson(t.personId).pipe(filter((v) => v.history.length === 2)));
    expect(view.schemes.find((s) => s.scheme === 'residents_pension')).toMatchObject({ status: 'suspended', since: THIS_MONTH });
    expect(view.schemes.find((s) => s.scheme === 'employee_pension')).toMatchObject({ status: 'none', since: null });
    expect(view.history.map((h) => [h.record, h.staffName, h.stationName, h.refusal])).toEqual([
      [suspend, '王芳', '河西区友谊路街道劳动保障服务站', null],
      [enrol, '王芳', '河西区友谊路街道劳动保障服务站', null],
    ]);
    expect(t.writes.filter((w) => w.collection === 'records').map((w) => w.id)).toEqual([enrol.id, suspend.id]);
    const events = await t.persons.history(t.personId);
    expect(events.filter((e) => e.action === 'enrolment').map((e) => e.fields)).toEqual([['residents_pension', 'suspended'], ['residents_pension', 'active']]);
  });

  it('refuses what the rules refuse, with codes, and stores nothing', async () => {
    const t = await open();
    const count = async () => (await t.store.records.find().exec()).length;
    expect((await dataError(t.enrolments.setStatus({ personId: t.personId, scheme: 'employee_pension', status: 'suspended', effectiveMonth: THIS_MONTH, reason: '无' }))).code).toBe('enrolment.notEnrolled');
    await t.enrolments.setStatus({ personId: t.personId, scheme: 'employee_pension', status: 'active', effectiveMonth: THIS_MONTH, reason: null });
    const exclusive = await dataError(t.enrolments.setStatus({ personId: t.personId, scheme: 'residents_pension', status: 'active', effectiveMonth: THIS_MONTH, reason: null }));
    expect([exclusive.code, exclusive.params]).toEqual(['enrolment.exclusive', { other: 'employee_pension' }]);
    expect((await dataError(t.enrolments.setStatus({ personId: t.personId, scheme: 'employee_pension', status: 'transferred_out', effectiveMonth: THIS_MONTH, reason: '  ' }))).params).toEqual({ field: 'reason' });
    expect((await dataError(t.enrolments.setStatus({ personId: t.personId, scheme: 'employee_pension', status: 'active', effectiveMonth: THIS_MONTH, reason: null }))).code).toBe('enrolment.sameStatus');
    expect((await dataError(t.enrolments.setStatus({ personId: `p${'ef'.repeat(16)}`, scheme: 'employee_pension', status: 'active', effectiveMonth: THIS_MONTH, reason: null }))).code).toBe('person.notFound');
    t.operator = null;
    expect((await dataError(t.enrolments.setStatus({ personId: t.personId, scheme: 'residents_medical', status: 'active', effectiveMonth: THIS_MONTH, reason: null }))).code).toBe('operator.missing');
    expect(await count()).toBe(1);
  });
});

describe('enrolments between two stations', () => {
  it('HX01 enrols and suspends; after sync XQ01 sees the same status and history with HX01\'s staff names', async () => {
    const a = await station('HX01', 'hx enrol');
    const { person } = await a.api.persons.register(personInput(residentId('12010319700707123'), { name: '黄忠' }));
    await a.api.enrolments.setStatus({ personId: person.id, scheme: 'residents_pension', status: 'active', effectiveMonth: addMonths(THIS_MONTH, -1), reason: null });
    await a.api.enrolments.setStatus({ personId: person.id, scheme: 'residents_pension', status: 'suspended', effectiveMonth: THIS_MONTH, reason: '外出务工' });
    expect((await firstValueFrom(a.api.sync.status$)).pending).toBeGreaterThanOrEqual(5);
    await a.api.sync.syncNow();
    expect(await firstValueFrom(a.api.sync.status$.pipe(filter((s) => s.pending === 0)))).toMatchObject({ errorCode: null });
    const mine = await firstValueFrom(a.api.enrolments.forPerson(person.id));

    const b = await station('XQ01', 'xq enrol');
    await b.api.sync.syncNow();
    const theirs = await firstValueFrom(b.api.enrolments.forPerson(person.id).pipe(filter((v) => v.history.length === 2 && v.history.every((h) => h.staffName !== h.record.staffId))));
    expect(theirs.schemes).toEqual(mine.schemes);
    expect(theirs.history.map((h) => [h.record, h.staffName, h.stationName])).toEqual(mine.history.map((h) => [h.record, h.staffName, null]));
  });
});
