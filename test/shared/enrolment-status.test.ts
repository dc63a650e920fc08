import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkStatusChange, compareTimeline, enrolmentViews, monthsNotActive, recordInForce, statusIn, type StatusChange,
} from '../../src/shared/enrolment-status';
import { addMonths, monthFromIndex, monthIndex } from '../../src/shared/months';
import { SCHEMES, type Scheme } from '../../src/shared/policy/schemes';
import { ENROLMENT_STATUSES, enrolmentRecordSchema, type EnrolmentRecord, type EnrolmentStatus } from '../../src/shared/records';

const PERSON = `p${'ab'.repeat(16)}`;
let seq = 0;

/** A valid record; ids and createdAt increase with each call (so later calls are later writes). */
function rec(scheme: Scheme, status: EnrolmentStatus, effectiveMonth: string, patch: Partial<EnrolmentRecord> = {}): EnrolmentRecord {
  seq += 1;
  const n = String(seq).padStart(6, '0');
  return enrolmentRecordSchema.parse({
    id: `01JAAAAAAAAAAAAAAAAA${n}`, kind: 'enrolment', personId: PERSON, scheme, status, effectiveMonth,
    reason: status === 'active' ? null : '原因', stationId: 'ST1', deviceId: 'D1', staffId: 'S1',
    createdAt: new Date(Date.UTC(2025, 0, 1) + seq * 1000).toISOString(), _deleted: false, ...patch,
  });
}

const change = (scheme: Scheme, status: EnrolmentStatus, effectiveMonth: string, reason: string | null = status === 'active' ? null : '原因'): StatusChange => ({
  scheme, status, effectiveMonth, reason,
});

const NOW = '2025-06';

describe('enrolment status of a person', () => {
  it('is none for every scheme without records', () => {
    const views = enrolmentViews([], NOW);
    expect(views.map((v) => [v.scheme, v.status, v.since, v.history.length])).toEqual(SCHEMES.map((s) => [s, 'none', null, 0]));
  });

  it('takes the latest record not after the month; a future record is scheduled, not current', () => {
    const enrol = rec('residents_pension', 'active', '2025-01');
    const suspend = rec('residents_pension', 'suspended', '2025-04', { reason: '外出务工' });
    const resume = rec('residents_pension', 'active', '2025-09');
    const [, , v] = enrolmentViews([resume, enrol, suspend], NOW);
    expect(v).toMatchObject({ scheme: 'residents_pension', status: 'suspended', since: '2025-04', current: suspend });
    expect(v?.scheduled).toEqual([resume]);
    expect(v?.history).toEqual([resume, suspend, enrol]);
    expect(statusIn([enrol, suspend, resume], 'residents_pension', '2025-03')).toBe('active');
    expect(statusIn([enrol, suspend, resume], 'residents_pension', '2024-12')).toBe('none');
    expect(statusIn([enrol, suspend, resume], 'residents_pension', '2025-09')).toBe('active');
  });

  it('settles two records for the same month by the later write (createdAt, then id)', () => {
    const a = rec('employee_medical', 'active', '2025-01');
    const b = rec('employee_medical', 'suspended', '2025-03', { createdAt: '2025-03-02T00:00:00.000Z' });
    const c = rec('employee_medical', 'transferred_out', '2025-03', { createdAt: '2025-03-01T00:00:00.000Z', reason: '转往北京市' });
    expect(recordInForce([a, b, c], 'employee_medical', NOW)).toEqual(b);
    const sameTime = rec('employee_medical', 'closed', '2025-03', { createdAt: b.createdAt });
    // Same month and time: the greater id wins (ULIDs of a later write are greater).
    expect(recordInForce([sameTime, a, b, c], 'employee_medical', NOW)).toEqual(sameTime.id > b.id ? sameTime : b);
  });

  it('flags two exclusive pension schemes active in the same month (written offline at two stations)', () => {
    const e = rec('employee_pension', 'active', '2025-01');
    const r = rec('residents_pension', 'active', '2025-02');
    const views = enrolmentViews([e, r], NOW);
    expect(views.find((v) => v.scheme === 'employee_pension')?.exclusiveWith).toBe('residents_pension');
    expect(views.find((v) => v.scheme === 'residents_pension')?.exclusiveWith).toBe('employee_pension');
    expect(views.find((v) => v.scheme === 'residents_medical')?.exclusiveWith).toBeNull();
  });

  it('lists the months of a span in which the person is not active', () => {
    const recs = [rec('employee_pension', 'active', '2025-02'), rec('employee_pension', 'suspended', '2025-05')];
    expect(monthsNotActive(recs, 'employee_pension', '2025-01', '2025-06')).toEqual(['2025-01', '2025-05', '2025-06']);
    expect(monthsNotActive(recs, 'employee_pension', '2025-02', '2025-04')).toEqual([]);
    expect(monthsNotActive(recs, 'employee_pension', 'bad', '2025-04')).toEqual([]);
  });
});

describe('status changes', () => {
  const enrolled = [rec('residents_pension', 'active', '2025-01')];

  it('requires 参保登记 (active) first', () => {
    expect(checkStatusChange([], change('residents_pension', 'suspended', '2025-03'), NOW)).toEqual({ ok: false, code: 'enrolment.notEnrolled' });
    expect(checkStatusChange([], change('residents_pension', 'active', '2025-03'), NOW).ok).toBe(true);
  });

  it('needs a reason for every status but active', () => {
    expect(checkStatusChange(enrolled, change('residents_pension', 'transferred_out', '2025-03', '  '), NOW)).toMatchObject({ code: 'field.required', params: { field: 'reason' } });
    expect(checkStatusChange(enrolled, change('residents_pension', 'transferred_out', '2025-03', '转往河北省'), NOW).ok).toBe(true);
  });

  it('refuses the same status, a month before the latest record, and anything after closed', () => {
    expect(checkStatusChange(enrolled, change('residents_pension', 'active', '2025-05'), NOW)).toEqual({ ok: false, code: 'enrolment.sameStatus' });
    expect(checkStatusChange(enrolled, change('residents_pension', 'suspended', '2024-12'), NOW)).toMatchObject({ code: 'enrolment.monthOrder', params: { latest: '2025-01' } });
    const closed = [...enrolled, rec('residents_pension', 'closed', '2025-04', { reason: '死亡' })];
    for (const s of ENROLMENT_STATUSES) expect(checkStatusChange(closed, change('residents_pension', s, '2025-06'), NOW)).toMatchObject({ code: 'enrolment.closed' });
  });

  it('refuses moves the rules do not allow, with from and to', () => {
    const out = [...enrolled, rec('residents_pension', 'transferred_out', '2025-03', { reason: '转往北京市' })];
    expect(checkStatusChange(out, change('residents_pension', 'suspended', '2025-05'), NOW)).toEqual({
      ok: false, code: 'enrolment.transition', params: { from: 'transferred_out', to: 'suspended' },
    });
    expect(checkStatusChange(out, change('residents_pension', 'active', '2025-05'), NOW).ok).toBe(true);
  });

  it('refuses a month too far ahead and a malformed month', () => {
    expect(checkStatusChange(enrolled, change('residents_pension', 'suspended', '2026-07'), NOW)).toMatchObject({ code: 'enrolment.futureMonth', params: { max: '2026-06' } });
    expect(checkStatusChange(enrolled, change('residents_pension', 'suspended', '2025-6'), NOW)).toMatchObject({ code: 'month.format' });
  });

  it('refuses employee and residents pension active for the same months, until the other ends', () => {
    const employee = [rec('employee_pension', 'active', '2024-01')];
    expect(checkStatusChange(employee, change('residents_pension', 'active', '2025-06'), NOW)).toEqual({
      ok: false, code: 'enrolment.exclusive', params: { other: 'employee_pension' },
    });
    const suspended = [...employee, rec('employee_pension', 'suspended', '2025-06', { reason: '转居民养老' })];
    expect(checkStatusChange(suspended, change('residents_pension', 'active', '2025-05'), NOW)).toMatchObject({ code: 'enrolment.exclusive' });
    expect(checkStatusChange(suspended, change('residents_pension', 'active', '2025-06'), NOW).ok).toBe(true);
    // A scheduled return to the employee scheme also overlaps.
    const back = [...suspended, rec('employee_pension', 'active', '2025-10')];
    expect(checkStatusChange(back, change('residents_pension', 'active', '2025-06'), NOW)).toMatchObject({ code: 'enrolment.exclusive' });
    // Medical schemes do not exclude each other here.
    expect(checkStatusChange([rec('employee_medical', 'active', '2024-01')], change('residents_medical', 'active', '2025-06'), NOW).ok).toBe(true);
  });
});

describe('properties', () => {
  const statusArb = fc.constantFrom(...ENROLMENT_STATUSES);
  const recordsArb = fc.array(
    fc.record({ scheme: fc.constantFrom(...SCHEMES), status: statusArb, offset: fc.integer({ min: 0, max: 36 }), t: fc.integer({ min: 0, max: 1000 }) }),
    { maxLength: 25 },
  ).map((xs) =>
    xs.map((x, i) => rec(x.scheme, x.status, monthFromIndex(monthIndex('2023-01') + x.offset), {
      createdAt: new Date(Date.UTC(2025, 0, 1) + x.t * 1000).toISOString(), id: `01JBBBBBBBBBBBBBBBBB${String(i).padStart(6, '0')}`,
    })),
  );
  const monthArb = fc.integer({ min: 0, max: 40 }).map((o) => monthFromIndex(monthIndex('2022-12') + o));

  it('the status does not depend on the order records arrive in', () => {
    fc.assert(fc.property(recordsArb, monthArb, fc.integer(), (records, month, seed) => {
      const shuffled = [...records].sort((a, b) => ((a.id.charCodeAt(25) * 31 + seed) % 97) - ((b.id.charCodeAt(25) * 31 + seed) % 97));
      expect(enrolmentViews(shuffled, month)).toEqual(enrolmentViews(records, month));
    }));
  });

  it('the current record is in the history, not after the month, and no later record of the history is', () => {
    fc.assert(fc.property(recordsArb, monthArb, (records, month) => {
      for (const v of enrolmentViews(records, month)) {
        expect(v.history).toHaveLength(records.filter((r) => r.scheme === v.scheme).length);
        expect([...v.history].reverse()).toEqual([...v.history].reverse().sort(compareTimeline));
        if (v.current === null) {
          expect(v.status).toBe('none');
          expect(v.history.every((r) => r.effectiveMonth > month)).toBe(true);
        } else {
          expect(v.current.effectiveMonth <= month).toBe(true);
          const later = v.history.slice(0, v.history.indexOf(v.current));
          expect(later.every((r) => r.effectiveMonth > month)).toBe(true);
          expect(later).toEqual([...v.scheduled].reverse());
        }
      }
    }));
  });

  it('records written only through checkStatusChange never make both pension schemes active in one month', () => {
    const stepArb = fc.array(
      fc.record({ scheme: fc.constantFrom(...SCHEMES), status: statusArb, ahead: fc.integer({ min: 0, max: 14 }), now: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 30 },
    );
    fc.assert(fc.property(stepArb, (steps) => {
      const records: EnrolmentRecord[] = [];
      let now = '2025-01';
      for (const s of steps) {
        now = addMonths(now, s.now);
        const c = change(s.scheme, s.status, addMonths(now, s.ahead - 2));
        if (checkStatusChange(records, c, now).ok) records.push(rec(c.scheme, c.status, c.effectiveMonth, { reason: c.reason }));
      }
      for (let i = 0; i < 40; i++) {
        const m = addMonths('2024-11', i);
        expect(statusIn(records, 'employee_pension', m) === 'active' && statusIn(records, 'residents_pension', m) === 'active').toBe(false);
      }
      for (const v of enrolmentViews(records, now)) expect(v.exclusiveWith).toBeNull();
      // closed is final: nothing follows a closed record in any scheme.
      for (const scheme of SCHEMES) {
        const line = records.filter((r) => r.scheme === scheme).sort(compareTimeline);
        const closedAt = line.findIndex((r) => r.status === 'closed');
        if (closedAt >= 0) expect(closedAt).toBe(line.length - 1);
        if (line[0]) expect(line[0].status).toBe('active');
      }
    }));
  });
});
