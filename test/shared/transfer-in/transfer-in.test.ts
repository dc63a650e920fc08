import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnrolmentRecord, HistoryRecord, TransferInRecord, TransferResultRecord } from '../../../src/shared/records';
import { recordSchema } from '../../../src/shared/records';
import {
  activationOnConfirm, ageOnDay, checkDecision, pooledFundCheck, storedHistory, temporaryAccountFlag, transferViews,
} from '../../../src/shared/transfer-in';
import { residentId } from '../fixtures';

const PERSON = 'p0123456789abcdef0123456789abcdef';
const origin = (id: string, createdAt: string) => ({
  id, stationId: 'ST-HX01', deviceId: 'DEV-1', staffId: 'S-ZHANG', createdAt, _deleted: false as const,
});
// ULIDs (Crockford base32, 26 chars), ordered by their last characters.
const ID = (n: number): string => `01JAAAAAAAAAAAAAAAAAAAAA${String(n).padStart(2, '0')}`;

function transfer(n: number, overrides: Partial<TransferInRecord> = {}): TransferInRecord {
  return {
    ...origin(ID(n), `2026-03-0${n}T02:00:00.000Z`), kind: 'transfer_in', personId: PERSON, scheme: 'employee_pension', status: 'in_transit',
    fromRegionCode: '130100', fromInstitution: '石家庄市社会保险事业管理局', fromMonth: '2015-01', toMonth: '2024-12', monthsPaid: 120,
    deemedMonths: 36, baseTotalFen: 480_000_000, personalAccountFen: 4_800_000, pooledFundFen: 57_600_000,
    documents: ['contribution_certificate', 'transfer_form'], note: '', ...overrides,
  };
}
function result(n: number, transferId: string, status: 'confirmed' | 'rejected', createdAt: string): TransferResultRecord {
  return { ...origin(ID(n), createdAt), kind: 'transfer_result', personId: PERSON, transferId, status, effectiveMonth: '2026-03', reason: status === 'rejected' ? '信息表有误' : null };
}
function enrolment(n: number, status: EnrolmentRecord['status'], effectiveMonth: string, scheme: EnrolmentRecord['scheme'] = 'employee_pension'): EnrolmentRecord {
  return { ...origin(ID(n), `2025-01-0${n}T00:00:00.000Z`), kind: 'enrolment', personId: PERSON, scheme, status, effectiveMonth, reason: status === 'active' ? null : '原因' };
}

describe('12% pooled-fund check (国办发〔2009〕66号)', () => {
  it('expects 12% of the sum of the bases and counts only months from 1998-01', () => {
    const c = pooledFundCheck({ scheme: 'employee_pension', fromMonth: '1996-07', toMonth: '1998-12', monthsPaid: 30, baseTotalFen: 12 * 300_000, pooledFundFen: 432_000 });
    expect(c).toEqual({ applicable: true, monthsCounted: 12, expectedFen: 432_000, differenceFen: 0, matches: true });
  });

  it('warns when the entered amount differs by more than a fen a month, never for rounding', () => {
    const base = { scheme: 'employee_pension', fromMonth: '2020-01', toMonth: '2020-12', monthsPaid: 12, baseTotalFen: 4_567_891 } as const;
    // 12% × 45,678.91 = 5,481.4692 → 5,481.47
    expect(pooledFundCheck({ ...base, pooledFundFen: 548_147 })).toMatchObject({ expectedFen: 548_147, matches: true });
    expect(pooledFundCheck({ ...base, pooledFundFen: 548_159 })).toMatchObject({ differenceFen: 12, matches: true });
    expect(pooledFundCheck({ ...base, pooledFundFen: 548_160 })).toMatchObject({ differenceFen: 13, matches: false });
    expect(pooledFundCheck({ ...base, pooledFundFen: 500_000 })).toMatchObject({ differenceFen: -48_147, matches: false });
  });

  it('does not apply to the medical scheme (its pooled fund stays)', () => {
    expect(pooledFundCheck({ scheme: 'employee_medical', fromMonth: '2020-01', toMonth: '2020-12', monthsPaid: 12, baseTotalFen: 1_000_000, pooledFundFen: 0 }))
      .toMatchObject({ applicable: false, matches: true });
  });

  it('the exact 12% always matches, for any bases (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 1, max: 400 }), (baseTotalFen, months) => {
      const expected = Math.round((baseTotalFen * 12) / 100);
      const c = pooledFundCheck({ scheme: 'employee_pension', fromMonth: '1998-01', toMonth: '2031-12', monthsPaid: months, baseTotalFen, pooledFundFen: expected });
      return c.matches && Math.abs(c.expectedFen - expected) <= 1;
    }));
  });
});

describe('temporary account rule: men 50+ / women 40+ outside their 户籍 province', () => {
  const hebeiMan = { sex: 'M' as const, birthDate: '1975-03-15', idType: 'resident' as const, idNumber: residentId('130102', '19750315', 11) };
  it('flags a man of 50 from Hebei moving to Tianjin, not the day before his birthday', () => {
    expect(temporaryAccountFlag(hebeiMan, '120000', '2025-03-15')).toEqual({ kind: 'flagged', age: 50, threshold: 50, hukouProvince: '13', stationProvince: '12' });
    expect(temporaryAccountFlag(hebeiMan, '120000', '2025-03-14')).toEqual({ kind: 'none', age: 49 });
  });
  it('flags women from 40, and nobody moving within the 户籍 province', () => {
    const woman = { sex: 'F' as const, birthDate: '1985-06-01', idType: 'resident' as const, idNumber: residentId('130102', '19850601', 22) };
    expect(temporaryAccountFlag(woman, '120000', '2025-06-01')).toMatchObject({ kind: 'flagged', age: 40, threshold: 40 });
    expect(temporaryAccountFlag(woman, '130000', '2025-06-01')).toEqual({ kind: 'none', age: 40 });
    expect(temporaryAccountFlag({ ...hebeiMan, idNumber: residentId('120104', '19750315', 11) }, '120000', '2026-01-01')).toEqual({ kind: 'none', age: 50 });
  });
  it('says the province is unknown for a passport holder over the age', () => {
    expect(temporaryAccountFlag({ ...hebeiMan, idType: 'passport', idNumber: 'E12345678' }, '120000', '2026-01-01')).toEqual({ kind: 'unknownProvince', age: 50, threshold: 50 });
  });
  it('ageOnDay counts whole years', () => {
    expect(ageOnDay('1980-02-29', '2020-02-28')).toBe(39);
    expect(ageOnDay('1980-02-29', '2020-02-29')).toBe(40);
  });
});

describe('transfer status from records', () => {
  it('is in transit until decided; the first decision stands, later ones are listed', () => {
    const t1 = transfer(1);
    const t2 = transfer(2, { scheme: 'employee_medical' });
    const views = transferViews([t1, t2, result(5, t1.id, 'rejected', '2026-03-09T00:00:00.000Z'), result(4, t1.id, 'confirmed', '2026-03-08T00:00:00.000Z')]);
    expect(views.map((v) => [v.transfer.id, v.status, v.laterDecisions.length])).toEqual([[t2.id, 'in_transit', 0], [t1.id, 'confirmed', 1]]);
  });

  it('checkDecision refuses an unknown or decided transfer and a rejection without reason', () => {
    const t1 = transfer(1);
    const open = transferViews([t1]);
    expect(checkDecision(open, ID(9), 'confirmed', null)).toMatchObject({ ok: false, code: 'transfer.notFound' });
    expect(checkDecision(open, t1.id, 'rejected', '  ')).toMatchObject({ ok: false, code: 'field.required', params: { field: 'reason' } });
    expect(checkDecision(open, t1.id, 'confirmed', null)).toMatchObject({ ok: true });
    const decided = transferViews([t1, result(3, t1.id, 'confirmed', '2026-03-08T00:00:00.000Z')]);
    expect(checkDecision(decided, t1.id, 'rejected', '错')).toEqual({ ok: false, code: 'transfer.decided', params: { status: 'confirmed' } });
  });

  it('confirmation activates: a new, lapsed or transferred-out relation gets an active record; active stays; closed refuses', () => {
    expect(activationOnConfirm([], 'employee_pension', '2026-03')).toEqual({ ok: true, value: 'write' });
    expect(activationOnConfirm([enrolment(1, 'active', '2024-01'), enrolment(2, 'lapsed', '2025-01')], 'employee_pension', '2026-03')).toEqual({ ok: true, value: 'write' });
    expect(activationOnConfirm([enrolment(1, 'active', '2024-01'), enrolment(2, 'transferred_out', '2025-01')], 'employee_pension', '2026-03')).toEqual({ ok: true, value: 'write' });
    expect(activationOnConfirm([enrolment(1, 'active', '2024-01')], 'employee_pension', '2026-03')).toEqual({ ok: true, value: 'already' });
    expect(activationOnConfirm([enrolment(1, 'active', '2024-01'), enrolment(2, 'closed', '2025-01')], 'employee_pension', '2026-03')).toMatchObject({ ok: false, code: 'enrolment.closed' });
    expect(activationOnConfirm([enrolment(1, 'active', '2024-01', 'residents_pension')], 'employee_pension', '2026-03')).toMatchObject({ ok: false, code: 'enrolment.exclusive' });
  });

  it('stored history: confirmed pension transfers add months and money; a history record sets the deemed months', () => {
    const t1 = transfer(1);
    const t2 = transfer(2, { deemedMonths: 24, monthsPaid: 12, fromMonth: '2025-01', toMonth: '2025-12', personalAccountFen: 100 });
    const medical = transfer(3, { scheme: 'employee_medical' });
    const rejected = transfer(4);
    const records = [t1, t2, medical, rejected, result(5, t1.id, 'confirmed', '2026-03-05T00:00:00.000Z'), result(6, t2.id, 'confirmed', '2026-03-06T00:00:00.000Z'),
      result(7, medical.id, 'confirmed', '2026-03-07T00:00:00.000Z'), result(8, rejected.id, 'rejected', '2026-03-08T00:00:00.000Z')];
    expect(storedHistory(records)).toMatchObject({ deemedMonths: 36, deemedFrom: 'transfers', transferredMonths: 132, transferredAccountFen: 4_800_100 });
    const history = (n: number, deemedMonths: number, createdAt: string): HistoryRecord => ({ ...origin(ID(n), createdAt), kind: 'history', personId: PERSON, deemedMonths, note: '档案' });
    const withHistory = [...records, history(10, 50, '2026-03-10T00:00:00.000Z'), history(9, 40, '2026-03-09T00:00:00.000Z')];
    expect(storedHistory(withHistory)).toMatchObject({ deemedMonths: 50, deemedFrom: 'history', transferredMonths: 132 });
    expect(storedHistory([])).toMatchObject({ deemedMonths: 0, deemedFrom: 'none', transferredMonths: 0, transferredAccountFen: 0 });
  });
});

describe('transfer records schema', () => {
  it('accepts a well-formed transfer and refuses bad months, negative fen and a rejection without reason', () => {
    expect(recordSchema.safeParse(transfer(1)).success).toBe(true);
    const codes = (v: unknown) => (recordSchema.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(codes(transfer(1, { fromMonth: '2025-01', toMonth: '2024-12' }))).toContain('transfer.monthOrder');
    expect(codes(transfer(1, { monthsPaid: 121 }))).toContain('transfer.monthsPaid');
    expect(recordSchema.safeParse(transfer(1, { pooledFundFen: -1 })).success).toBe(false);
    expect(recordSchema.safeParse(transfer(1, { personalAccountFen: 1.5 })).success).toBe(false);
    expect(recordSchema.safeParse({ ...result(2, ID(1), 'rejected', '2026-03-08T00:00:00.000Z'), reason: null }).success).toBe(false);
    expect(recordSchema.safeParse(result(2, ID(1), 'confirmed', '2026-03-08T00:00:00.000Z')).success).toBe(true);
  });
});
