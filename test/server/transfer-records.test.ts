import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryRecord, TransferInRecord, TransferResultRecord, WindowRecord } from '../../src/shared/records';
import type { ApiError, EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { countDocs, pullAll, push, type Fixture } from './helpers/fixture';
import { by, openRecordsWorld, rowsOf } from './helpers/records-world';

function transfer(d: EnrolResponse, personId: string, patch: Partial<TransferInRecord> = {}): TransferInRecord {
  return {
    id: ulid(), kind: 'transfer_in', personId, scheme: 'employee_pension', status: 'in_transit', fromRegionCode: '130100',
    fromInstitution: '石家庄市社会保险事业管理局', fromMonth: '2015-01', toMonth: '2024-12', monthsPaid: 120, deemedMonths: 0,
    baseTotalFen: 480_000_000, personalAccountFen: 3_840_000, pooledFundFen: 57_600_000, documents: ['transfer_form'], note: '',
    ...by(d), createdAt: '2025-03-01T02:00:00.000Z', _deleted: false, ...patch,
  };
}

describe.each(DB_VARIANTS)('transfer-in records at the centre on $name', (variant) => {
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
  const errorOf = (body: string): ApiError['error'] => (JSON.parse(body) as ApiError).error;

  it('takes a transfer, its confirmation at another station and a deemed-years record; every station of the city pulls them', async () => {
    const t = transfer(hx, personId);
    const decision: TransferResultRecord = {
      id: ulid(), kind: 'transfer_result', personId, transferId: t.id, status: 'confirmed', effectiveMonth: '2025-03', reason: null,
      ...by(xq), createdAt: '2025-03-02T02:00:00.000Z', _deleted: false,
    };
    const history: HistoryRecord = { id: ulid(), kind: 'history', personId, deemedMonths: 48, note: '档案', ...by(hx), createdAt: '2025-03-03T02:00:00.000Z', _deleted: false };
    expect((await push(f.app, hx.token, 'records', rowsOf(t, history))).statusCode).toBe(200);
    expect((await push(f.app, xq.token, 'records', rowsOf(decision))).statusCode).toBe(200);
    const pulled = await pullAll<WindowRecord>(f.app, xq.token, 'records');
    expect(pulled.filter((r) => r.id === t.id || r.id === decision.id || r.id === history.id)).toHaveLength(3);
  });

  it('refuses negative or fractional fen and a person the city does not know; nothing is stored', async () => {
    const before = await countDocs(f.db, 'records');
    for (const bad of [transfer(hx, personId, { pooledFundFen: -1 }), transfer(hx, personId, { personalAccountFen: 10.5 }), transfer(hx, personId, { monthsPaid: 121 })]) {
      const res = await push(f.app, hx.token, 'records', rowsOf(bad));
      expect(res.statusCode).toBe(422);
      expect(errorOf(res.body).code).toBe('record.invalid');
    }
    const stranger = await push(f.app, hx.token, 'records', rowsOf(transfer(hx, 'p0123456789abcdef0123456789abcdef')));
    expect(stranger.statusCode).toBe(422);
    expect(errorOf(stranger.body).code).toBe('person.notFound');
    expect(await countDocs(f.db, 'records')).toBe(before);
  });
});
