import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseoutRecord, ContactRecord, EnrolmentRecord, WindowRecord } from '../../src/shared/records';
import type { ApiError, EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { countDocs, pullAll, push, type Fixture } from './helpers/fixture';
import { by, openRecordsWorld, rowsOf } from './helpers/records-world';

function enrolment(d: EnrolResponse, personId: string, patch: Partial<EnrolmentRecord> = {}): EnrolmentRecord {
  return {
    id: ulid(), kind: 'enrolment', personId, scheme: 'residents_pension', status: 'active', effectiveMonth: '2025-01', reason: null,
    ...by(d), createdAt: '2025-03-01T02:00:00.000Z', _deleted: false, ...patch,
  };
}

function closeout(d: EnrolResponse): CloseoutRecord {
  return {
    id: ulid(), kind: 'closeout', day: '2025-03-01', paymentIds: [],
    totals: {
      takenFen: 0, returnedFen: 0, byMethod: [], byScheme: [], declaredCount: 0, declaredFen: 0, receiptFrom: null, receiptTo: null,
      voidedReceipts: [], reversalIds: [], refundIds: [],
    },
    ...by(d), createdAt: '2025-03-01T10:00:00.000Z', _deleted: false,
  };
}

function contact(d: EnrolResponse, personId: string): ContactRecord {
  return {
    id: ulid(), kind: 'contact', personId, channel: 'call', outcome: 'will_resume', note: '本人电话答复下月来办理', followUpDate: '2025-03-08',
    ...by(d), createdAt: '2025-03-01T03:00:00.000Z', _deleted: false,
  };
}

describe.each(DB_VARIANTS)('records push on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let hx2: EnrolResponse;
  let xq: EnrolResponse;
  let personId: string;
  beforeAll(async () => {
    ({ f, hx, hx2, xq, personId } = await openRecordsWorld(variant));
  });
  afterAll(async () => {
    await f.close();
  });

  const stored = async (id: string): Promise<{ data: WindowRecord; xid: string; seq: string; station_id: string } | undefined> =>
    (await f.db.query<{ data: WindowRecord; xid: string; seq: string; station_id: string }>(
      "SELECT data, xid::text AS xid, seq::text AS seq, station_id FROM docs WHERE collection = 'records' AND id = $1",
      [id],
    ))[0];
  const errorOf = (body: string): ApiError['error'] => (JSON.parse(body) as ApiError).error;

  it('stores a record once when the same push is retried, and leaves its position unchanged', async () => {
    const r = enrolment(hx, personId);
    const first = await push(f.app, hx.token, 'records', rowsOf(r));
    expect(first.statusCode).toBe(200);
    expect(first.json<PushResponse<WindowRecord>>()).toEqual({ conflicts: [] });
    const at = await stored(r.id);
    expect(at).toMatchObject({ data: r, station_id: hx.station.id });
    const before = await countDocs(f.db, 'records');
    const again = await push(f.app, hx.token, 'records', rowsOf(r));
    expect(again.json<PushResponse<WindowRecord>>()).toEqual({ conflicts: [] });
    const after = await stored(r.id);
    expect({ xid: after?.xid, seq: after?.seq }).toEqual({ xid: at?.xid, seq: at?.seq });
    expect(await countDocs(f.db, 'records')).toBe(before);
  });

  it('never overwrites a record: same id with other content is returned in conflicts and logged', async () => {
    const r = enrolment(hx, personId, { scheme: 'residents_medical' });
    expect((await push(f.app, hx.token, 'records', rowsOf(r))).statusCode).toBe(200);
    const altered: EnrolmentRecord = { ...r, status: 'suspended', reason: '外出务工' };
    const res = await push(f.app, hx.token, 'records', rowsOf(altered));
    expect(res.statusCode).toBe(200);
    expect(res.json<PushResponse<WindowRecord>>().conflicts).toEqual([r]);
    expect((await stored(r.id))?.data).toEqual(r);
    const log = await f.db.query<{ device_id: string; reason: string; payload: unknown }>(
      "SELECT device_id, reason, payload FROM push_rejections WHERE collection = 'records' AND doc_id = $1",
      [r.id],
    );
    expect(log).toEqual([{ device_id: hx.deviceId, reason: 'record.idConflict', payload: altered }]);
  });

  it('refuses a malformed record with row and field, and stores nothing of the batch', async () => {
    const good = enrolment(hx, personId);
    const noReason = enrolment(hx, personId, { status: 'suspended', reason: null });
    const before = await countDocs(f.db, 'records');
    const res = await push(f.app, hx.token, 'records', rowsOf(good, noReason, { ...closeout(hx), day: '2025-13-01' }, { kind: 'other' }));
    expect(res.statusCode).toBe(422);
    const e = errorOf(res.body);
    expect(e.code).toBe('record.invalid');
    expect(e.details).toEqual(expect.arrayContaining([
      { row: 1, field: 'newDocumentState.reason', message: 'field.required' },
      { row: 2, field: 'newDocumentState.day', message: 'date.format' },
      expect.objectContaining({ row: 3, field: 'newDocumentState.kind' }),
    ]));
    expect(await countDocs(f.db, 'records')).toBe(before);
    expect(await stored(good.id)).toBeUndefined();
  });

  it('refuses a body that is not an array of rows (400) and an unknown field (strict schema)', async () => {
    const notArray = await f.app.inject({ method: 'POST', url: '/api/v1/sync/records/push', headers: { authorization: `Bearer ${hx.token}`, 'x-shebao-protocol': '1' }, payload: { rows: [] } });
    expect(notArray.statusCode).toBe(400);
    const extra = await push(f.app, hx.token, 'records', rowsOf({ ...enrolment(hx, personId), note: 'x' }));
    expect(extra.statusCode).toBe(422);
    expect(errorOf(extra.body).code).toBe('record.invalid');
  });

  it('lets a device write for itself only: another station or device is 403 scope.forbidden, nothing stored', async () => {
    const before = await countDocs(f.db, 'records');
    const otherStation = await push(f.app, xq.token, 'records', rowsOf(enrolment(hx, personId, { deviceId: xq.deviceId })));
    expect(otherStation.statusCode).toBe(403);
    expect(errorOf(otherStation.body)).toMatchObject({ code: 'scope.forbidden', details: [{ row: 0, field: 'newDocumentState.stationId', message: 'scope.forbidden' }] });
    const otherDevice = await push(f.app, hx2.token, 'records', rowsOf(closeout(hx)));
    expect(otherDevice.statusCode).toBe(403);
    expect(errorOf(otherDevice.body).details).toEqual([{ row: 0, field: 'newDocumentState.deviceId', message: 'scope.forbidden' }]);
    expect(await countDocs(f.db, 'records')).toBe(before);
  });

  it('refuses an enrolment of a person the city does not know (422 person.notFound), nothing of the batch stored', async () => {
    const good = closeout(hx);
    const unknown = enrolment(hx, `p${'cd'.repeat(16)}`);
    const res = await push(f.app, hx.token, 'records', rowsOf(good, unknown));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res.body)).toMatchObject({ code: 'person.notFound', details: [{ row: 1, field: 'newDocumentState.personId', message: 'person.notFound' }] });
    expect(await stored(good.id)).toBeUndefined();
    expect(await stored(unknown.id)).toBeUndefined();
  });

  it('refuses a contact with a person the city does not know, and takes one with a known person', async () => {
    const res = await push(f.app, hx.token, 'records', rowsOf(contact(hx, `p${'ef'.repeat(16)}`)));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res.body)).toMatchObject({ code: 'person.notFound', details: [{ row: 0, field: 'newDocumentState.personId', message: 'person.notFound' }] });
    const known = contact(hx, personId);
    expect((await push(f.app, hx.token, 'records', rowsOf(known))).statusCode).toBe(200);
    expect((await stored(known.id))?.data).toEqual(known);
  });

  it('serves both kinds to every station of the city on pull', async () => {
    const e = enrolment(hx2, personId, { status: 'transferred_out', reason: '转往北京市', effectiveMonth: '2025-04' });
    const c = closeout(hx2);
    expect((await push(f.app, hx2.token, 'records', rowsOf(e, c))).statusCode).toBe(200);
    const seen = await pullAll<WindowRecord>(f.app, xq.token, 'records');
    expect(seen).toEqual(expect.arrayContaining([e, c]));
    expect(seen.every((r) => r.stationId === hx.station.id)).toBe(true);
  });
});
