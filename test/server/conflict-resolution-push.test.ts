import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict, ConflictResolution } from '../../src/shared/conflict';
import type { Person } from '../../src/shared/person';
import type { ApiError, EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, pullAll, push, type Fixture } from './helpers/fixture';
import { authorOf, edit, makePerson, type Author } from './helpers/people';

describe.each(DB_VARIANTS)('conflict resolution push on $name (ADR 019)', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let xq: EnrolResponse;
  let a: Author;
  let b: Author;
  beforeAll(async () => {
    f = await makeFixture(variant);
    hx = await enrol(f.app, 'HX01', 'A');
    xq = await enrol(f.app, 'XQ01', 'B');
    a = authorOf(hx);
    b = authorOf(xq);
  });
  afterAll(async () => {
    await f.close();
  });

  const storedConflict = async (id: string): Promise<Conflict | undefined> =>
    (await f.db.query<{ data: Conflict }>("SELECT data FROM docs WHERE collection = 'conflicts' AND id = $1", [id]))[0]?.data;

  /** A phone clash: A edits, B edits the same field from the same base. */
  async function openConflict(): Promise<Conflict> {
    const p = makePerson(f.secret, a, { phone: '13800000001' });
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }]);
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: p, newDocumentState: edit(p, a, '2025-03-01T00:00:00.000Z', { phone: '13900000002' }) }]);
    await push(f.app, xq.token, 'persons', [{ assumedMasterState: p, newDocumentState: edit(p, b, '2025-03-02T00:00:00.000Z', { phone: '13700000003' }) }]);
    const c = (await pullAll<Conflict>(f.app, xq.token, 'conflicts')).find((x) => x.entityId === p.id);
    if (!c) throw new Error('no conflict opened');
    return c;
  }

  const resolutionBy = (who: Author, e: EnrolResponse, choice: 'server' | 'local', value: string): ConflictResolution => ({
    by: { id: who.staffId, name: e.staff[0]!.name },
    stationId: who.stationId,
    deviceId: who.deviceId,
    at: '2025-03-03T00:00:00.000Z',
    fields: [{ field: 'phone', choice, value }],
  });

  it('accepts open → resolved from a device of the city; every station pulls it resolved; a retry is a no-op', async () => {
    const c = await openConflict();
    const resolved: Conflict = { ...c, status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13700000003') };
    const res = await push(f.app, xq.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: resolved }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<PushResponse<Conflict>>()).toEqual({ conflicts: [] });
    expect(await storedConflict(c.id)).toEqual(resolved);
    expect((await pullAll<Conflict>(f.app, hx.token, 'conflicts')).find((x) => x.id === c.id)).toEqual(resolved);
    const again = await push(f.app, xq.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: resolved }]);
    expect(again.json()).toEqual({ conflicts: [] });
  });

  it('keeps the first resolution: a later different one gets the stored conflict back and is logged', async () => {
    const c = await openConflict();
    const first: Conflict = { ...c, status: 'resolved', resolution: resolutionBy(a, hx, 'server', '13900000002') };
    expect((await push(f.app, hx.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: first }])).statusCode).toBe(200);
    const second: Conflict = { ...c, status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13700000003') };
    const res = await push(f.app, xq.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: second }]);
    expect(res.json<PushResponse<Conflict>>().conflicts).toEqual([first]);
    expect(await storedConflict(c.id)).toEqual(first);
    const log = await f.db.query<{ reason: string }>('SELECT reason FROM push_rejections WHERE doc_id = $1', [c.id]);
    expect(log.map((r) => r.reason)).toEqual(['conflict.alreadyResolved']);
  });

  it('refuses anything but a valid resolution with a code, and stores nothing', async () => {
    const c = await openConflict();
    const cases: Array<[Conflict, number, string]> = [
      [{ ...c, status: 'resolved' }, 422, 'conflict.notResolved'],
      [{ ...c, status: 'open', resolution: resolutionBy(b, xq, 'local', '13700000003') }, 422, 'conflict.notResolved'],
      [{ ...c, status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13000000000') }, 422, 'conflict.choice'],
      [{ ...c, status: 'resolved', resolution: { ...resolutionBy(b, xq, 'server', '13900000002'), fields: [{ field: 'phone', choice: 'typed', value: 13 }] } }, 422, 'conflict.choice'],
      [{ ...c, status: 'resolved', resolution: { ...resolutionBy(b, xq, 'server', '13900000002'), fields: [{ field: 'name', choice: 'server', value: '测试人' }] } }, 422, 'conflict.fields'],
      [{ ...c, stationId: a.stationId, status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13700000003') }, 422, 'conflict.changed'],
      [{ ...c, status: 'resolved', resolution: resolutionBy(a, hx, 'local', '13700000003') }, 403, 'scope.forbidden'],
      [{ ...c, status: 'resolved', resolution: { ...resolutionBy(b, xq, 'local', '13700000003'), by: { id: a.staffId, name: 'x' } } }, 422, 'staff.unknown'],
      [{ ...c, id: 'c-nope', status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13700000003') }, 422, 'conflict.notFound'],
      [{ ...c, status: 'resolved', resolution: { ...resolutionBy(b, xq, 'local', '13700000003'), extra: 1 } as unknown as ConflictResolution }, 422, 'conflict.invalid'],
    ];
    for (const [doc, status, code] of cases) {
      const res = await push(f.app, xq.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: doc }]);
      expect([res.statusCode, res.json<ApiError>().error.code]).toEqual([status, code]);
    }
    expect(await storedConflict(c.id)).toEqual(c);
  });

  it('a resolution does not touch the person: the device writes the person as a normal update', async () => {
    const c = await openConflict();
    const before = (await pullAll<Person>(f.app, hx.token, 'persons')).find((p) => p.id === c.entityId);
    await push(f.app, xq.token, 'conflicts', [{ assumedMasterState: c, newDocumentState: { ...c, status: 'resolved', resolution: resolutionBy(b, xq, 'local', '13700000003') } }]);
    expect((await pullAll<Person>(f.app, hx.token, 'persons')).find((p) => p.id === c.entityId)).toEqual(before);
  });
});
