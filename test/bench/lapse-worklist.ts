/**
 * `node --import tsx test/bench/lapse-worklist.ts`: the in-memory part of
 * the lapse worklist (src/shared/lapse, what db/lapse-repository.ts runs
 * after reading the documents) over BENCH_PEOPLE people (default 100,000),
 * each enrolled in the employee pension with one to four contributions and
 * some reversals. Prints figures; asserts nothing (DESIGN.md §6).
 * The IndexedDB reads in front of it are one getAll per collection.
 */
import { lapseCandidates, lapseRowOf, matchesFilter, sortRows } from '../../src/shared/lapse';
import { addMonths } from '../../src/shared/months';
import type { Payment } from '../../src/shared/payment';
import type { Person } from '../../src/shared/person';
import type { EnrolmentRecord } from '../../src/shared/records';

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const NOW = '2026-11';
const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(25, '0')}`.slice(0, 26).replace(/[ILOU]/g, '0');
const personId = (n: number): string => `p${n.toString(16).padStart(32, '0')}`;

function generate(): { enrolments: EnrolmentRecord[]; payments: Payment[]; persons: Map<string, Person> } {
  const enrolments: EnrolmentRecord[] = [];
  const payments: Payment[] = [];
  const persons = new Map<string, Person>();
  for (let i = 0; i < people; i++) {
    const pid = personId(i);
    const start = addMonths('2015-01', i % 120);
    enrolments.push({ id: id('0E', i), kind: 'enrolment', personId: pid, scheme: 'employee_pension', status: 'active', effectiveMonth: start, reason: null, stationId: 'ST-HX01', deviceId: 'D1', staffId: 'S1', createdAt: '2025-01-01T00:00:00.000Z', _deleted: false });
    let from = start;
    for (let k = 0; k < 1 + (i % 4); k++) {
      const to = addMonths(from, 11 + (i % 7));
      const p = { id: id('0P', i * 4 + k), kind: 'contribution', personId: pid, scheme: 'employee_pension', regionCode: '120000', fromMonth: from, toMonth: to, lines: [], totalFen: 0, paidFen: 0, method: 'cash', channel: 'window', receiptNo: 'x', refId: null, reason: null, approvedBy: null, stationId: 'ST-HX01', deviceId: 'D1', staffId: 'S1', createdAt: '2025-01-01T00:00:00.000Z', _deleted: false } satisfies Payment;
      payments.push(p);
      if (i % 50 === 0 && k === 0) payments.push({ ...p, id: id('0R', i), kind: 'reversal', refId: p.id, reason: 'x', approvedBy: 'S2', receiptNo: null });
      from = addMonths(to, 1);
    }
    persons.set(pid, {
      id: pid, idType: 'resident', idNumber: '120103197001010011', idRev: '', name: `人${String(i)}`, sex: i % 2 ? 'M' : 'F', birthDate: `${String(1960 + (i % 40))}-0${String(1 + (i % 9))}-15`, phone: '', hukouType: 'urban',
      address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: `120103${String(1 + (i % 8)).padStart(3, '0')}000`, detail: '' }, household: null,
      categories: [{ code: 'flexible', from: '2020-01-01', to: null }], employmentStatus: 'flexible', archiveLocation: '', notes: '', active: true, deactivation: null,
      stationId: 'ST-HX01', createdAt: '', createdBy: '', updatedAt: '', updatedBy: '', updatedDevice: '', _deleted: false,
    });
  }
  return { enrolments, payments, persons };
}

const t0 = performance.now();
const { enrolments, payments, persons } = generate();
const t1 = performance.now();
const candidates = lapseCandidates(enrolments, payments, new Set(), NOW);
const t2 = performance.now();
const rows = [...candidates].flatMap(([pid, c]) => {
  const p = persons.get(pid);
  const row = p ? lapseRowOf(p, c, { currentMonth: NOW, femaleTrack: 'female55' }, '2026-11-23') : null;
  return row ? [row] : [];
});
const t3 = performance.now();
const shown = sortRows(rows.filter((r) => matchesFilter(r, { minMonths: 12, ageBand: '50_59' })), { key: 'monthsUnpaid', order: 'desc' });
const t4 = performance.now();
console.table({
  people, enrolments: enrolments.length, payments: payments.length, lapsed: rows.length, filtered: shown.length,
  'generate (ms)': Math.round(t1 - t0), 'candidates pass (ms)': Math.round(t2 - t1), 'rows (ms)': Math.round(t3 - t2), 'filter + sort (ms)': Math.round(t4 - t3),
});
