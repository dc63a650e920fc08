import { describe, expect, it } from 'vitest';
import { payLink, prefilledValues } from '../../src/renderer/features/resumption/resume-links';
import { resumePlan, type ResumeInputs } from '../../src/renderer/features/resumption/resume-plan';
import { enrolmentViews } from '../../src/shared/enrolment-status';
import type { PolicyPack } from '../../src/shared/policy/pack-schema';
import type { Scheme } from '../../src/shared/policy/schemes';
import { enrolmentRecordSchema, type EnrolmentRecord, type EnrolmentStatus } from '../../src/shared/records';
import { correct, pay } from '../shared/corrections/correction-fixtures';
import { shippedPack } from '../shared/policy/packs';

const PERSON = `p${'ab'.repeat(16)}`;
const NOW = '2026-11';
const TIANJIN = shippedPack('tianjin-2025.1.json');
let seq = 0;
function rec(scheme: Scheme, status: EnrolmentStatus, effectiveMonth: string): EnrolmentRecord {
  seq += 1;
  return enrolmentRecordSchema.parse({
    id: `01JAAAAAAAAAAAAAAAAA${String(seq).padStart(6, '0')}`, kind: 'enrolment', personId: PERSON, scheme, status, effectiveMonth,
    reason: status === 'active' ? null : '原因', stationId: 'ST1', deviceId: 'D1', staffId: 'S1',
    createdAt: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(), _deleted: false,
  });
}
const withRule = (patch: Partial<PolicyPack['backPayment']['value']>): PolicyPack => ({ ...TIANJIN, backPayment: { ...TIANJIN.backPayment, value: { ...TIANJIN.backPayment.value, ...patch } } });

function plan(records: EnrolmentRecord[], over: Partial<ResumeInputs> = {}) {
  return resumePlan({
    birthDate: '1975-06-15', currentMonth: NOW, schemes: enrolmentViews(records, NOW), records, payments: [], refused: new Set(), pack: TIANJIN, ...over,
  });
}

describe('resumption plan (ADR 017)', () => {
  it('lists only schemes the person holds; an active, paid-up scheme has nothing unpaid and continues from this month', () => {
    const paid = pay(1, { from: '2026-10', to: '2026-10', lines: [{ ...pay(1).lines[0]!, fromMonth: '2026-10', toMonth: '2026-10', months: 1, baseFen: 600_000 }] });
    const [only, ...rest] = plan([rec('employee_pension', 'active', '2026-01')], { payments: [paid] });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      scheme: 'employee_pension', status: 'active', canReactivate: false, lapse: null, backPay: null, blocked: null,
      continueSpan: { from: NOW, to: NOW, months: 1 }, lastBaseFen: 600_000,
    });
  });

  it('Tianjin (same year only): a gap since last year offers this year\'s months and says why the older ones cannot be paid', () => {
    const paid = pay(1, { from: '2025-04', to: '2025-06' });
    const [p] = plan([rec('employee_pension', 'active', '2025-01'), rec('employee_pension', 'lapsed', '2025-09')], { payments: [paid] });
    expect(p).toMatchObject({ status: 'lapsed', statusSince: '2025-09', canReactivate: true });
    expect(p?.lapse).toMatchObject({ since: '2025-07', through: '2026-10', monthsUnpaid: 16, lastPaid: '2025-06' });
    expect(p?.backPay).toEqual({ from: '2026-01', to: '2026-10', months: 10 });
    expect(p?.blocked).toEqual({ code: 'sameYearOnly', packVersion: '2025.1', from: '2026-01' });
  });

  it('a gap inside this year is back-payable whole, with no rule in the way', () => {
    const [p] = plan([rec('employee_pension', 'active', '2026-03')]);
    expect(p?.backPay).toEqual({ from: '2026-03', to: '2026-10', months: 8 });
    expect(p?.blocked).toBeNull();
  });

  it('names the rule that forbids back-payment: not allowed, a months-back limit, charges not computed, no pack', () => {
    const records = [rec('employee_pension', 'active', '2026-03')];
    expect(plan(records, { pack: withRule({ allowed: false }) })[0]).toMatchObject({ backPay: null, blocked: { code: 'notAllowed', packVersion: '2025.1' } });
    expect(plan(records, { pack: withRule({ sameYearOnly: false, maxMonthsBack: 3 }) })[0]).toMatchObject({
      backPay: { from: '2026-08', to: '2026-10', months: 3 }, blocked: { code: 'maxMonthsBack', from: '2026-08', maxMonthsBack: 3 },
    });
    expect(plan(records, { pack: withRule({ interest: 'account_rate' }) })[0]).toMatchObject({ backPay: null, blocked: { code: 'charges' } });
    expect(plan(records, { pack: null })[0]).toMatchObject({ backPay: null, blocked: { code: 'noPack' } });
  });

  it('ignores reversed and refused payments (the months are unpaid again), and takes the base of the latest live one', () => {
    const a = pay(1, { from: '2026-01', to: '2026-03' });
    const b = pay(2, { from: '2026-04', to: '2026-06', lines: [{ ...pay(2).lines[0]!, fromMonth: '2026-04', toMonth: '2026-06', baseFen: 700_000 }] });
    const rev = correct(3, b, 'reversal');
    const c = pay(4, { from: '2026-07', to: '2026-09' });
    const [p] = plan([rec('employee_pension', 'active', '2026-01')], { payments: [a, b, rev, c], refused: new Set([c.id]) });
    expect(p?.lapse).toMatchObject({ since: '2026-04', monthsUnpaid: 7 });
    // b (700000) was reversed and c refused: the base pre-filled is a's.
    expect(p?.lastBaseFen).toBe(512_400);
  });

  it('a suspended scheme owes nothing but can be made active again; residents\' schemes continue with the year and past years are not offered', () => {
    const records = [rec('employee_pension', 'active', '2025-01'), rec('employee_pension', 'suspended', '2025-05'), rec('residents_medical', 'active', '2024-01')];
    const [emp, res] = plan(records);
    expect(emp).toMatchObject({ status: 'suspended', canReactivate: true, lapse: null, backPay: null, blocked: null });
    expect(res).toMatchObject({ scheme: 'residents_medical', continueSpan: { from: '2026-01', to: '2026-12', months: 12 }, backPay: null, blocked: { code: 'yearly' } });
    expect(res?.lapse).toMatchObject({ since: '2024-01', through: '2025-12' });
  });
});

describe('payment form pre-fill from the resumption view', () => {
  const EMPTY = { channel: 'window', scheme: 'employee_pension', fromMonth: '', toMonth: '', base: '', gradeId: '', method: 'cash', subsidyCategory: '', subsidyStart: '', approvedBy: '' } as const;
  it('round-trips the link into the form values', () => {
    const link = payLink(PERSON, { scheme: 'employee_medical', from: '2026-01', to: '2026-10', base: '5124.00' });
    expect(link).toBe(`/persons/${PERSON}/pay?scheme=employee_medical&from=2026-01&to=2026-10&base=5124.00`);
    const values = prefilledValues(EMPTY, new URLSearchParams(link.split('?')[1]));
    expect(values).toEqual({ ...EMPTY, scheme: 'employee_medical', fromMonth: '2026-01', toMonth: '2026-10', base: '5124.00' });
  });

  it('ignores what is not well-formed, and never pre-fills an approver', () => {
    const values = prefilledValues(EMPTY, new URLSearchParams('scheme=nope&from=2026-13&to=x&base=-1&approvedBy=S-LI'));
    expect(values).toEqual(EMPTY);
  });
});
