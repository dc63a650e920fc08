import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeRecord, WindowRecord } from '../../src/shared/records';
import type { ApiError, EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { pullAll, push, type Fixture } from './helpers/fixture';
import { by, openRecordsWorld, rowsOf } from './helpers/records-world';

function notice(d: EnrolResponse, personId: string, patch: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    id: ulid(), kind: 'notice', personId, schemes: ['employee_pension'], monthsUnpaid: 4, since: '2025-01',
    ...by(d), createdAt: '2025-05-06T02:00:00.000Z', _deleted: false, ...patch,
  };
}

/** Reminder notices issued (ADR 017) sync like every window record; the centre checks the person and the shape. */
describe.each(DB_VARIANTS)('notice records at the centre on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let xq: EnrolResponse;
  let personId: string;
  beforeAll(async () => {
    ({ f, hx, xq, personId } = await openRecordsWorld(variant));
  });
  afterAll(async () => {
    await f.close();
  });

  const count = async (id: string): Promise<number> =>
    (await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'records' AND id = $1", [id]))[0]?.n ?? 0;
  const codeOf = (body: string): string => (JSON.parse(body) as ApiError).error.code;

  it('stores a notice of a known person and serves it to the other station', async () => {
    const n = notice(hx, personId);
    expect((await push(f.app, hx.token, 'records', rowsOf(n))).statusCode).toBe(200);
    expect(await pullAll<WindowRecord>(f.app, xq.token, 'records')).toEqual(expect.arrayContaining([n]));
  });

  it('refuses a notice of an unknown person, with no scheme, a repeated scheme or no gap; stores nothing', async () => {
    const cases: Array<[NoticeRecord, number, string]> = [
      [notice(hx, `p${'ef'.repeat(16)}`), 422, 'person.notFound'],
      [notice(hx, personId, { schemes: [] }), 422, 'record.invalid'],
      [notice(hx, personId, { schemes: ['employee_pension', 'employee_pension'] }), 422, 'record.invalid'],
      [notice(hx, personId, { monthsUnpaid: 0 }), 422, 'record.invalid'],
    ];
    for (const [n, status, code] of cases) {
      const res = await push(f.app, hx.token, 'records', rowsOf(n));
      expect(res.statusCode).toBe(status);
      expect(codeOf(res.body)).toBe(code);
      expect(await count(n.id)).toBe(0);
    }
  });
});
