import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageBandOf, lastMonthDue, livePaidSpans, personLapse, schemeLapse, summarisePaid, type PaidSpan,
} from '../../../src/shared/lapse';
import { addMonths, monthFromIndex, monthIndex, monthsInclusive } from '../../../src/shared/months';
import type { Scheme } from '../../../src/shared/policy/schemes';
import { enrolmentRecordSchema, type EnrolmentRecord, type EnrolmentStatus } from '../../../src/shared/records';
import { correct, pay } from '../corrections/correction-fixtures';

const PERSON = `p${'ab'.repeat(16)}`;
let seq = 0;
function rec(scheme: Scheme, status: EnrolmentStatus, effectiveMonth: string): EnrolmentRecord {
  seq += 1;
  return enrolmentRecordSchema.parse({
    id: `01JAAAAAAAAAAAAAAAAA${String(seq).padStart(6, '0')}`, kind: 'enrolment', personId: PERSON, scheme, status, effectiveMonth,
    reason: status === 'active' ? null : '原因', stationId: 'ST1', deviceId: 'D1', staffId: 'S1',
    createdAt: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(), _deleted: false,
  });
}
const span = (scheme: Scheme, fromMonth: string, toMonth: string): PaidSpan => ({ scheme, fromMonth, toMonth });
const NOW = '2026-11';
const OPTS = { currentMonth: NOW, femaleTrack: 'female55' } as const;

describe('live paid months', () => {
  it('counts contributions, not reversed or refunded ones, not top-ups, not refused records', () => {
    const a = pay(1, { from: '2025-01', to: '2025-03' });
    const b = pay(2, { from: '2025-04', to: '2025-06' });
    const c = pay(3, { from: '2025-07', to: '2025-09' });
    const rev = correct(4, b, 'reversal');
    const topUp = pay(5, { kind: 'top_up', refId: a.id, from: '2025-10', to: '2025-12' });
    const refusedRefund = correct(6, c, 'refund');
    const spans = livePaidSpans([a, b, c, rev, topUp, refusedRefund], new Set([refusedRefund.id]));
    expect(spans).toEqual([span('employee_pension', '2025-01', '2025-03'), span('employee_pension', '2025-07', '2025-09')]);
    expect(livePaidSpans([a, c, refusedRefund])).toEqual([span('employee_pension', '2025-01', '2025-03')]);
  });

  it('summarises the union: overlapping spans count each month once', () => {
    const sum = summarisePaid([span('employee_pension', '2025-01', '2025-06'), span('employee_pension', '2025-04', '2025-08'), span('employee_medical', '2024-01', '2024-01')]);
    expect(sum.get('employee_pension')).toEqual({ lastPaid: '2025-08', months: 8 });
    expect(sum.get('employee_medical')).toEqual({ lastPaid: '2024-01', months: 1 });
  });
});

describe('scheme lapse', () => {
  it('monthly scheme: the gap runs from the month after the last paid one to the month before the current month', () => {
    const records = [rec('employee_pension', 'active', '2020-01')];
    const l = schemeLapse(records, 'employee_pension', { lastPaid: '2026-03', months: 75 }, NOW);
    expect(l).toMatchObject({ since: '2026-04', through: '2026-10', monthsUnpaid: 7, lastPaid: '2026-03', status: 'active', yearly: false });
  });

  it('is not lapsed when the month before the current one is paid, nor when only the current month is open', () => {
    const records = [rec('employee_pension', 'active', '2020-01')];
    expect(schemeLapse(records, 'employee_pension', { lastPaid: '2026-10', months: 1 }, NOW)).toBeNull();
    expect(schemeLapse(records, 'employee_pension', { lastPaid: '2027-03', months: 1 }, NOW)).toBeNull();
    expect(schemeLapse([rec('employee_pension', 'active', NOW)], 'employee_pension', undefined, NOW)).toBeNull();
  });

  it('never paid: the gap starts with the enrolment run; suspended months are not owed', () => {
    expect(schemeLapse([rec('employee_medical', 'active', '2026-06')], 'employee_medical', undefined, NOW)).toMatchObject({ since: '2026-06', monthsUnpaid: 5 });
    const resumed = [rec('employee_pension', 'active', '2020-01'), rec('employee_pension', 'suspended', '2022-01'), rec('employee_pension', 'active', '2026-08')];
    expect(schemeLapse(resumed, 'employee_pension', { lastPaid: '2021-12', months: 24 }, NOW)).toMatchObject({ since: '2026-08', monthsUnpaid: 3 });
  });

  it('a recorded 断缴 keeps the run; suspended, closed, transferred out and scheduled records are not lapses', () => {
    const lapsed = [rec('employee_pension', 'active', '2020-01'), rec('employee_pension', 'lapsed', '2025-01')];
    expect(schemeLapse(lapsed, 'employee_pension', { lastPaid: '2024-12', months: 60 }, NOW)).toMatchObject({ status: 'lapsed', since: '2025-01', monthsUnpaid: 22 });
    for (const status of ['suspended', 'closed', 'transferred_out'] as const) {
      expect(schemeLapse([rec('employee_pension', 'active', '2020-01'), rec('employee_pension', status, '2025-01')], 'employee_pension', undefined, NOW)).toBeNull();
    }
    expect(schemeLapse([rec('employee_pension', 'active', '2027-01')], 'employee_pension', undefined, NOW)).toBeNull();
  });

  it('residents scheme: yearly; the current year is still open, whole unpaid years count', () => {
    const records = [rec('residents_pension', 'active', '2022-07')];
    expect(lastMonthDue('residents_pension', NOW)).toBe('2025-12');
    expect(schemeLapse(records, 'residents_pension', { lastPaid: '2025-12', months: 48 }, NOW)).toBeNull();
    expect(schemeLapse(records, 'residents_pension', { lastPaid: '2024-12', months: 36 }, NOW)).toMatchObject({ since: '2025-01', monthsUnpaid: 12, yearly: true });
    // Enrolled mid-2022 and never paid: 2022 is owed whole.
    expect(schemeLapse(records, 'residents_pension', undefined, NOW)).toMatchObject({ since: '2022-01', through: '2025-12', monthsUnpaid: 48 });
    expect(schemeLapse([rec('residents_medical', 'active', '2026-02')], 'residents_medical', undefined, NOW)).toBeNull();
  });

  it('property: the gap is exactly the unpaid months between the last paid month (or the run start) and the last month due', () => {
    fc.assert(fc.property(
      fc.integer({ min: monthIndex('2015-01'), max: monthIndex('2026-10') }),
      fc.option(fc.integer({ min: monthIndex('2010-01'), max: monthIndex('2027-06') }), { nil: null }),
      fc.integer({ min: monthIndex('2020-01'), max: monthIndex('2030-12') }),
      (start, lastPaidIdx, nowIdx) => {
        const now = monthFromIndex(nowIdx);
        const startMonth = monthFromIndex(start);
        const records = [rec('employee_pension', 'active', startMonth)];
        const lastPaid = lastPaidIdx === null ? null : monthFromIndex(lastPaidIdx);
        const l = schemeLapse(records, 'employee_pension', lastPaid === null ? undefined : { lastPaid, months: 1 }, now);
        const due = addMonths(now, -1);
        if (start > nowIdx) return l === null;
        const from = Math.max(start, lastPaidIdx === null ? start : lastPaidIdx + 1);
        const expected = Math.max(0, monthIndex(due) - from + 1);
        if (expected === 0) return l === null;
        return l !== null && l.monthsUnpaid === expected && l.through === due && monthsInclusive(l.since, l.through) === l.monthsUnpaid;
      },
    ));
  });

  it('property: paying through the last month due always ends the lapse', () => {
    fc.assert(fc.property(fc.integer({ min: monthIndex('2015-01'), max: monthIndex('2026-10') }), fc.constantFrom<Scheme>('employee_pension', 'employee_medical', 'residents_pension', 'residents_medical'), (start, scheme) => {
      const records = [rec(scheme, 'active', monthFromIndex(start))];
      return schemeLapse(records, scheme, { lastPaid: lastMonthDue(scheme, NOW), months: 1 }, NOW) === null;
    }));
  });
});

describe('person lapse', () => {
  it('takes the longest gap and the earliest start; pension years, minimum and near retirement from the 2025 reform', () => {
    const records = [rec('employee_pension', 'active', '2010-01'), rec('employee_medical', 'active', '2010-01')];
    const paid = summarisePaid([span('employee_pension', '2010-01', '2024-06'), span('employee_medical', '2010-01', '2025-12')]);
    // Man born 1967-03: 60 + floor(26/4)+1 = 7 months delay → 2027-10, minimum 15 years (2027).
    const l = personLapse({ birthDate: '1967-03-15', sex: 'M' }, records, paid, OPTS);
    expect(l).not.toBeNull();
    expect(l?.schemes.map((s) => [s.scheme, s.monthsUnpaid])).toEqual([['employee_pension', 28], ['employee_medical', 10]]);
    expect(l?.monthsUnpaid).toBe(28);
    expect(l?.since).toBe('2024-07');
    expect(l?.ageYears).toBe(59);
    expect(l?.ageBand).toBe('50_59');
    expect(l?.pension).toEqual({ scheme: 'employee_pension', monthsPaid: 174, minimumMonths: 180, monthsShort: 6, retirementMonth: '2027-10', monthsToRetirement: 11 });
    expect(l?.nearRetirement).toBe(true);
  });

  it('deemed months count towards the minimum; later retirement years need more (2030: 15.5 years)', () => {
    const records = [rec('employee_pension', 'active', '2020-01')];
    const paid = summarisePaid([span('employee_pension', '2020-01', '2025-12')]);
    // Woman on the 50 track born 1980-01: 50 years + (60 births since 1975-01 / 2 + 1 = 31) months → 2032-08;
    // minimum for 2032: 15 years + 3 × 6 months = 198 months.
    const l = personLapse({ birthDate: '1980-01-20', sex: 'F', deemedMonths: 24 }, records, paid, { currentMonth: NOW, femaleTrack: 'female50' });
    expect(l?.pension).toMatchObject({ monthsPaid: 96, minimumMonths: 198, monthsShort: 102, retirementMonth: '2032-08', monthsToRetirement: 69 });
    expect(l?.nearRetirement).toBe(false);
    expect(personLapse({ birthDate: '1980-01-20', sex: 'F' }, records, paid, { currentMonth: NOW, femaleTrack: 'female50', nearRetirementMonths: 69 })?.nearRetirement).toBe(true);
    expect(personLapse({ birthDate: '1980-01-20', sex: 'F' }, records, paid, { currentMonth: NOW, femaleTrack: 'female50', nearRetirementMonths: 12 })?.nearRetirement).toBe(false);
  });

  it('residents pension: age 60 and 15 years; people born before 1950 do not break the month arithmetic', () => {
    const records = [rec('residents_pension', 'active', '2015-01')];
    const paid = summarisePaid([span('residents_pension', '2015-01', '2023-12')]);
    const l = personLapse({ birthDate: '1949-12-31', sex: 'F' }, records, paid, OPTS);
    expect(l?.pension).toMatchObject({ scheme: 'residents_pension', monthsPaid: 108, monthsShort: 72, retirementMonth: '2009-12' });
    expect(l?.ageBand).toBe('60_plus');
    expect(l?.nearRetirement).toBe(false);
    const old = personLapse({ birthDate: '1945-05-01', sex: 'M' }, [rec('employee_pension', 'active', '2015-01')], new Map(), OPTS);
    expect(old?.pension?.retirementMonth).toBe('2005-05');
  });

  it('is null when nothing is lapsed, and the age bands split at 30, 40, 50, 60', () => {
    const records = [rec('employee_pension', 'active', '2020-01')];
    expect(personLapse({ birthDate: '1990-01-01', sex: 'M' }, records, summarisePaid([span('employee_pension', '2020-01', '2026-10')]), OPTS)).toBeNull();
    expect([29, 30, 39, 40, 49, 50, 59, 60].map(ageBandOf)).toEqual(['under_30', '30_39', '30_39', '40_49', '40_49', '50_59', '50_59', '60_plus']);
  });
});
