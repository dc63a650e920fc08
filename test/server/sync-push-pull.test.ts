import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/shared/audit';
import type { Conflict } from '../../src/shared/conflict';
import { reverse, type Person } from '../../src/shared/person';
import type { ApiError, Checkpoint, EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, countDocs, enrol, makeFixture, pullAll, pullPage, push, type Fixture } from './helpers/fixture';
import { authorOf, edit, makeAudit, makePerson, nextIdNumber, type Author } from './helpers/people';

describe.each(DB_VARIANTS)('push and pull on $name', (variant) => {
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

  const serverDoc = async (id: string): Promise<Person | undefined> =>
    (await f.db.query<{ data: Person }>("SELECT data FROM docs WHERE collection = 'persons' AND id = $1", [id]))[0]?.data;
  const position = async (id: string): Promise<Checkpoint | undefined> =>
    (await f.db.query<Checkpoint>("SELECT xid::text AS xid, seq::text AS seq FROM docs WHERE collection = 'persons' AND id = $1", [id]))[0];
  const conflictsOf = async (entityId: string): Promise<Conflict[]> =>
    (await pullAll<Conflict>(f.app, hx.token, 'conflicts')).filter((c) => c.entityId === entityId);

  it('round-trips a pushed person to another station of the city', async () => {
    const p = makePerson(f.secret, a, { name: '王芳', phone: '13812345678' });
    const res = await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<PushResponse<Person>>()).toEqual({ conflicts: [] });
    const pulled = await pullAll<Person>(f.app, xq.token, 'persons');
    expect(pulled.find((d) => d.id === p.id)).toEqual(p);
  });

  it('pages through a collection with checkpoints, in order, without gaps or repeats', async () => {
    const people = Array.from({ length: 23 }, () => makePerson(f.secret, a));
    expect((await push(f.app, hx.token, 'persons', people.slice(0, 10).map((p) => ({ assumedMasterState: null, newDocumentState: p })))).statusCode).toBe(200);
    expect((await push(f.app, hx.token, 'persons', people.slice(10).map((p) => ({ assumedMasterState: null, newDocumentState: p })))).statusCode).toBe(200);
    const seen: string[] = [];
    let cp: Checkpoint | null = null;
    let pages = 0;
    for (;;) {
      const page: { documents: Person[]; checkpoint: Checkpoint | null } = await pullPage<Person>(f.app, xq.token, 'persons', cp, 5);
      pages += 1;
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(cp); // an empty page echoes the request's checkpoint
        break;
      }
      seen.push(...page.documents.map((d) => d.id));
      expect(page.checkpoint).not.toEqual(cp);
      cp = page.checkpoint;
    }
    expect(pages).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length);
    for (const p of people) expect(seen).toContain(p.id);
    expect(seen.indexOf(people[22]!.id)).toBeGreaterThan(seen.indexOf(people[0]!.id));
    // From the final checkpoint a later write is the only new row.
    const later = makePerson(f.secret, a);
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: later }]);
    const next = await pullPage<Person>(f.app, xq.token, 'persons', cp, 5);
    expect(next.documents.map((d) => d.id)).toEqual([later.id]);
  });

  it('returns a null checkpoint for an empty collection pulled from the start', async () => {
    const page = await pullPage(f.app, hx.token, 'conflicts', null);
    const all = await countDocs(f.db, 'conflicts');
    if (all === 0) expect(page).toEqual({ documents: [], checkpoint: null });
    else expect(page.documents).toHaveLength(all);
  });

  it('stores a retried push once and leaves its position unchanged', async () => {
    const p = makePerson(f.secret, a);
    const row = [{ assumedMasterState: null, newDocumentState: p }];
    await push(f.app, hx.token, 'persons', row);
    const first = await position(p.id);
    const again = await push(f.app, hx.token, 'persons', row);
    expect(again.json()).toEqual({ conflicts: [] });
    expect(await position(p.id)).toEqual(first);
    const n = await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'persons' AND id = $1", [p.id]);
    expect(n[0]?.n).toBe(1);
  });

  it('writes an edit made on the current server state and moves it to a new position', async () => {
    const p = makePerson(f.secret, a);
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }]);
    const before = await position(p.id);
    const p2 = edit(p, a, '2025-02-01T00:00:00.000Z', { notes: '已电话联系' });
    const res = await push(f.app, hx.token, 'persons', [{ assumedMasterState: p, newDocumentState: p2 }]);
    expect(res.json()).toEqual({ conflicts: [] });
    expect(await serverDoc(p.id)).toEqual(p2);
    const after = await position(p.id);
    expect(BigInt(after!.seq)).toBeGreaterThan(BigInt(before!.seq));
  });

  it('applies concurrent edits of different fields from two stations', async () => {
    const p = makePerson(f.secret, a, { phone: '13800000001' });
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }]);
    const byA = edit(p, a, '2025-03-01T00:00:00.000Z', { phone: '13900000002' });
    const byB = edit(p, b, '2025-03-02T00:00:00.000Z', { notes: '求职意向：保洁' });
    expect((await push(f.app, hx.token, 'persons', [{ assumedMasterState: p, newDocumentState: byA }])).json()).toEqual({ conflicts: [] });
    const res = await push(f.app, xq.token, 'persons', [{ assumedMasterState: p, newDocumentState: byB }]);
    const merged = res.json<PushResponse<Person>>().conflicts[0];
    expect(merged).toMatchObject({ phone: '13900000002', notes: '求职意向：保洁', updatedDevice: b.deviceId });
    expect(await serverDoc(p.id)).toEqual(merged);
    expect(await conflictsOf(p.id)).toEqual([]);
  });

  it('keeps the server value on a same-field clash and opens a conflict visible on pull', async () => {
    const p = makePerson(f.secret, a, { phone: '13800000001' });
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }]);
    const byA = edit(p, a, '2025-03-01T00:00:00.000Z', { phone: '13900000002' });
    const byB = edit(p, b, '2025-03-02T00:00:00.000Z', { phone: '13700000003', archiveLocation: '西青区职业介绍服务中心' });
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: p, newDocumentState: byA }]);
    const rowB = [{ assumedMasterState: p, newDocumentState: byB }];
    const res = await push(f.app, xq.token, 'persons', rowB);
    const merged = res.json<PushResponse<Person>>().conflicts[0];
    expect(merged).toMatchObject({ phone: '13900000002', archiveLocation: '西青区职业介绍服务中心' });
    const conflicts = await conflictsOf(p.id);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      entity: 'person',
      status: 'open',
      deviceId: b.deviceId,
      stationId: b.stationId,
      fields: [{ field: 'phone', base: '13800000001', local: '13700000003', server: '13900000002' }],
    });
    // A retry of the same push opens no second conflict and changes nothing.
    const docBefore = await serverDoc(p.id);
    await push(f.app, xq.token, 'persons', rowB);
    expect(await conflictsOf(p.id)).toHaveLength(1);
    expect(await serverDoc(p.id)).toEqual(docBefore);
  });

  it('merges two offline registrations of the same ID into one person with a phone conflict', async () => {
    const idNumber = nextIdNumber();
    const atA = makePerson(f.secret, a, { phone: '13811112222', notes: '', archiveLocation: '河西区人才交流服务中心' }, idNumber);
    const atB = makePerson(f.secret, b, { phone: '13933334444', notes: '外出务工返乡', createdAt: '2025-01-02T00:00:00.000Z', updatedAt: '2025-01-02T00:00:00.000Z' }, idNumber);
    expect(atA.id).toBe(atB.id);
    await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: atA }]);
    const res = await push(f.app, xq.token, 'persons', [{ assumedMasterState: null, newDocumentState: atB }]);
    const merged = res.json<PushResponse<Person>>().conflicts[0];
    expect(merged).toMatchObject({ phone: '13811112222', notes: '外出务工返乡', archiveLocation: '河西区人才交流服务中心', stationId: a.stationId });
    const all = await pullAll<Person>(f.app, xq.token, 'persons');
    expect(all.filter((d) => d.idNumber === idNumber)).toHaveLength(1);
    const conflicts = await conflictsOf(atA.id);
    expect(conflicts.map((c) => c.fields.map((x) => x.field))).toEqual([['phone']]);
    expect(conflicts[0]?.fields[0]).toMatchObject({ base: null, local: '13933334444', server: '13811112222' });
  });

  it('handles simultaneous registrations of the same people from two stations without errors', async () => {
    const ids = [nextIdNumber(), nextIdNumber(), nextIdNumber()];
    const rowsA = ids.map((n, i) => ({ assumedMasterState: null, newDocumentState: makePerson(f.secret, a, { phone: `1381111000${i}` }, n) }));
    const rowsB = [...ids].reverse().map((n, i) => ({ assumedMasterState: null, newDocumentState: makePerson(f.secret, b, { phone: `1392222000${i}` }, n) }));
    const [ra, rb] = await Promise.all([push(f.app, hx.token, 'persons', rowsA), push(f.app, xq.token, 'persons', rowsB)]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    const all = await pullAll<Person>(f.app, hx.token, 'persons');
    for (const n of ids) expect(all.filter((d) => d.idNumber === n)).toHaveLength(1);
    // Whichever batch committed second met all three people and lost the phone clash each time.
    const lost = [ra, rb].map((r) => r.json<PushResponse<Person>>().conflicts.length).sort();
    expect(lost).toEqual([0, 3]);
    for (const row of rowsA) expect(await conflictsOf(row.newDocumentState.id)).toHaveLength(1);
  });

  it('refuses a person whose id is not the derived key (422) and stores nothing', async () => {
    const p = makePerson(f.secret, a);
    const wrong = { ...p, id: `p${'0'.repeat(32)}` };
    const res = await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: wrong }]);
    expect(res.statusCode).toBe(422);
    expect(res.json<ApiError>().error).toMatchObject({ code: 'person.keyMismatch', details: [{ row: 0, field: 'newDocumentState.id' }] });
    expect(await serverDoc(wrong.id)).toBeUndefined();
  });

  it('refuses a whole batch when one row is invalid, naming row and field, and stores none of it', async () => {
    const good1 = makePerson(f.secret, a);
    const good2 = makePerson(f.secret, a);
    const badNumber = good2.idNumber.slice(0, 17) + (good2.idNumber.endsWith('0') ? '1' : '0');
    const bad = { ...makePerson(f.secret, a), idNumber: badNumber, idRev: reverse(badNumber) };
    const before = await countDocs(f.db, 'persons');
    const res = await push(f.app, hx.token, 'persons', [
      { assumedMasterState: null, newDocumentState: good1 },
      { assumedMasterState: null, newDocumentState: bad },
      { assumedMasterState: null, newDocumentState: good2 },
    ]);
    expect(res.statusCode).toBe(422);
    const body = res.json<ApiError>();
    expect(body.error.code).toBe('person.invalid');
    expect(body.error.details).toContainEqual({ row: 1, field: 'newDocumentState.idNumber', message: 'id.checkDigit' });
    expect(await countDocs(f.db, 'persons')).toBe(before);
  });

  it('answers malformed push bodies with 4xx and writes nothing', async () => {
    const before = await countDocs(f.db, 'persons');
    const good = { assumedMasterState: null, newDocumentState: makePerson(f.secret, a) };
    const cases: { payload: unknown; status: number; code: string }[] = [
      { payload: { rows: [] }, status: 400, code: 'request.invalid' },
      { payload: [good, 42], status: 400, code: 'request.invalid' },
      { payload: [good, { newDocumentState: good.newDocumentState, extra: true }], status: 400, code: 'request.invalid' },
      { payload: [good, { assumedMasterState: null, newDocumentState: { ...good.newDocumentState, name: 7 } }], status: 422, code: 'person.invalid' },
      { payload: [{ assumedMasterState: null, newDocumentState: { ...good.newDocumentState, _deleted: true } }], status: 422, code: 'person.invalid' },
      { payload: [{ assumedMasterState: null, newDocumentState: { ...good.newDocumentState, stationId: 'NOTASTATION' } }], status: 422, code: 'person.invalid' },
      { payload: Array.from({ length: 501 }, () => good), status: 413, code: 'batch.tooLarge' },
    ];
    for (const c of cases) {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(hx.token), payload: c.payload as object });
      expect(res.statusCode, JSON.stringify(c.payload).slice(0, 80)).toBe(c.status);
      expect(res.json<ApiError>().error.code).toBe(c.code);
    }
    const raw = await f.app.inject({
      method: 'POST',
      url: '/api/v1/sync/persons/push',
      headers: { ...authHeaders(hx.token), 'content-type': 'application/json' },
      payload: `[${JSON.stringify(good)},{"assumedMasterState":null,`,
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json<ApiError>().error.code).toBe('request.invalid');
    const wrongType = await f.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: { ...authHeaders(hx.token), 'content-type': 'text/plain' }, payload: 'hello' });
    expect(wrongType.statusCode).toBe(415);
    expect(await countDocs(f.db, 'persons')).toBe(before);
  });

  it('keeps audit append-only: identical retry is a no-op, a changed event is refused and logged', async () => {
    const ev = makeAudit(a, `p${'1'.repeat(32)}`);
    expect((await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: ev }])).json()).toEqual({ conflicts: [] });
    expect((await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: ev }])).json()).toEqual({ conflicts: [] });
    const forged: AuditEvent = { ...ev, action: 'deactivate', fields: ['active'] };
    const res = await push(f.app, hx.token, 'audit', [{ assumedMasterState: ev, newDocumentState: forged }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<PushResponse<AuditEvent>>().conflicts).toEqual([ev]);
    const stored = await f.db.query<{ data: AuditEvent }>("SELECT data FROM docs WHERE collection = 'audit' AND id = $1", [ev.id]);
    expect(stored.map((r) => r.data)).toEqual([ev]);
    const log = await f.db.query<{ reason: string; payload: AuditEvent }>('SELECT reason, payload FROM push_rejections WHERE doc_id = $1', [ev.id]);
    expect(log).toEqual([{ reason: 'audit.immutable', payload: forged }]);
    const invalid = await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: { ...ev, id: 'not-a-ulid' } }]);
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json<ApiError>().error.code).toBe('audit.invalid');
  });

  it('refuses a conflicts push that is not a resolution with 422 (devices only resolve conflicts, ADR 019)', async () => {
    const before = await countDocs(f.db, 'conflicts');
    const res = await push(f.app, hx.token, 'conflicts', [{ assumedMasterState: null, newDocumentState: { id: 'c1' } }]);
    expect(res.statusCode).toBe(422);
    expect(res.json<ApiError>().error.code).toBe('conflict.invalid');
    expect(await countDocs(f.db, 'conflicts')).toBe(before);
  });
});
