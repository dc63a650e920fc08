import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataError, type SyncStatus } from '../../src/renderer/data/contract';
import { createApiClient, SyncHttpError } from '../../src/renderer/sync/http-client';
import { deepEqual } from '../../src/shared/merge';
import { personInput, residentId } from './fixtures';
import { enrolDevice, openDevice, startTestServer, type Device, type TestServer } from './sync-server';

const DEMO_PEOPLE = 30;
let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer(DEMO_PEOPLE);
});
// RxDB's free build allows 13 open collections per process (3 per device): close each test's devices.
afterEach(async () => {
  for (const d of devices.splice(0)) await d.api.close();
});
afterAll(async () => {
  await server.close();
});

async function device(): Promise<Device> {
  const d = await openDevice();
  devices.push(d);
  return d;
}

const status = (d: Device): Promise<SyncStatus> => firstValueFrom(d.api.sync.status$);

describe('enrolment', () => {
  it('stores the session, and refuses a wrong code with the server’s code', async () => {
    const d = await device();
    expect(await d.api.session()).toBeNull();
    expect((await status(d)).state).toBe('unenrolled');
    const e: unknown = await d.api.enrol(server.url, 'HX01', '999999', 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe('enrol.badCode');
    const unreachable: unknown = await d.api.enrol('http://127.0.0.1:9', 'HX01', '100001', 'x').catch((x: unknown) => x);
    expect((unreachable as DataError).code).toBe('network.unreachable');
    await enrolDevice(d, server, 'HX01');
    const session = await d.api.session();
    expect(session).toMatchObject({ stationCode: 'HX01', serverUrl: server.url, cityName: '天津市' });
    expect(d.api.operator()?.id).toBe(session!.staff[0]!.id);
    expect(() => { d.api.setOperator('nobody'); }).toThrow(DataError);
  });
});

describe('replication with the real server', () => {
  it('pulls the city’s people, pushes an offline registration, and another station finds it', async () => {
    const a = await device();
    const b = await device();
    await enrolDevice(a, server, 'HX01');
    await enrolDevice(b, server, 'XQ01');

    // Offline (sync not started): the registration waits, counted as pending.
    const id = residentId('12010319880808123');
    const { person } = await a.api.persons.register(personInput(id, { name: '周杰' }));
    expect((await status(a)).pending).toBe(2); // the person and its audit event

    await a.api.sync.syncNow();
    const after = await status(a);
    expect(after.pending).toBe(0);
    expect(after.errorCode).toBeNull();
    expect(after.lastSyncAt).not.toBeNull();
    expect(after.online).toBe(true);
    expect(await a.api.persons.count()).toBe(DEMO_PEOPLE + 1);

    await b.api.sync.syncNow();
    expect(await b.api.persons.count()).toBe(DEMO_PEOPLE + 1);
    expect(await b.api.persons.findById('resident', id)).toEqual(person);
    expect((await b.api.persons.search(id.slice(-6), 10)).map((p) => p.id)).toEqual([person.id]);
    expect((await b.api.persons.history(person.id)).map((h) => h.action)).toEqual(['create']);

    // Live: B edits, A receives it through the event stream without asking.
    a.api.sync.start();
    b.api.sync.start();
    await b.api.persons.update(person.id, personInput(id, { name: '周杰', phone: '13711112222' }));
    const seen = await firstValueFrom(a.api.persons.observe(person.id).pipe(filter((p) => p?.phone === '13711112222')));
    expect(seen?.updatedDevice).toBe((await b.api.session())!.deviceId);

    // lastSyncAt and an empty pending list survive a reload.
    devices.splice(devices.indexOf(a), 1);
    const reopened = await a.reopen();
    devices.push(reopened);
    const s = await status(reopened);
    expect(s.lastSyncAt).not.toBeNull();
    expect(s.pending).toBe(0);
    expect(await reopened.api.persons.count()).toBe(DEMO_PEOPLE + 1);
  });

  it('two stations registering the same ID offline end with one person and a listed conflict', async () => {
    const a = await device();
    const b = await device();
    await enrolDevice(a, server, 'HX01');
    await enrolDevice(b, server, 'XQ01');
    const id = residentId('12011119750505321');
    const ra = await a.api.persons.register(personInput(id, { name: '孙丽', phone: '13600000001' }));
    const rb = await b.api.persons.register(personInput(id, { name: '孙丽', phone: '13600000002' }));
    expect(ra.person.id).toBe(rb.person.id);

    await a.api.sync.syncNow();
    await b.api.sync.syncNow();
    await a.api.sync.syncNow();

    const onA = await a.api.persons.get(ra.person.id);
    const onB = await b.api.persons.get(ra.person.id);
    expect(onA?.phone).toBe('13600000001'); // the server's (first) value is kept
    expect(deepEqual(onA, onB)).toBe(true);
    expect((await status(b)).pending).toBe(0);

    const conflictsB = await firstValueFrom(b.api.conflicts.observeOpen().pipe(filter((c) => c.length > 0)));
    expect(conflictsB.filter((c) => c.entityId === ra.person.id).flatMap((c) => c.fields.map((f) => f.field))).toEqual(['phone']);
    const conflictsA = await firstValueFrom(a.api.conflicts.observeOpen().pipe(filter((c) => c.length > 0)));
    expect(conflictsA.map((c) => c.id)).toEqual(conflictsB.map((c) => c.id));
  });
});

describe('when the server goes away', () => {
  it('reports offline with network.unreachable and keeps the local change pending', async () => {
    const other = await startTestServer(0);
    const d = await device();
    await enrolDevice(d, other, 'HX01');
    await d.api.sync.syncNow();
    expect((await status(d)).errorCode).toBeNull();
    await other.close();

    await d.api.persons.register(personInput(residentId('12010319660606123'), { name: '吴刚' }));
    await d.api.sync.syncNow();
    const s = await status(d);
    expect(s).toMatchObject({ online: false, state: 'offline', errorCode: 'network.unreachable', pending: 2 });
  });
});

describe('HTTP client', () => {
  it('maps server errors to their code and a dead server to network.unreachable', async () => {
    const reached: boolean[] = [];
    const bad = createApiClient({ fetchImpl: fetch, baseUrl: server.url, token: 'not-a-token', onReach: (ok) => reached.push(ok) });
    const e1: unknown = await bad.get('/sync/persons/pull').catch((x: unknown) => x);
    expect(e1).toBeInstanceOf(SyncHttpError);
    expect((e1 as SyncHttpError).code).toBe('auth.invalid');
    expect((e1 as SyncHttpError).status).toBe(401);
    const dead = createApiClient({ fetchImpl: fetch, baseUrl: 'http://127.0.0.1:9/', onReach: (ok) => reached.push(ok) });
    const e2: unknown = await dead.get('/health').catch((x: unknown) => x);
    expect((e2 as SyncHttpError).code).toBe('network.unreachable');
    expect(reached).toEqual([true, false]);
  });
});
