import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandOf, categoriesOn, lapseCounts, matchesFilter, sortRows, type LapseRow } from '../../../src/shared/lapse';

function row(n: number, patch: { name?: string; months?: number; age?: number; short?: number | null; toRetire?: number; town?: string; cats?: LapseRow['categories']; scheme?: 'employee_pension' | 'residents_medical' } = {}): LapseRow {
  const months = patch.months ?? 3;
  const age = patch.age ?? 45;
  const short = patch.short === undefined ? 0 : patch.short;
  const toRetire = patch.toRetire ?? 120;
  return {
    personId: `p${String(n).padStart(32, '0')}`, name: patch.name ?? `人${String(n)}`, idNumber: '', sex: 'M', birthDate: '1980-01-01', phone: '',
    townCode: patch.town ?? '', addressDetail: '', categories: patch.cats ?? [],
    lapse: {
      schemes: [{ scheme: patch.scheme ?? 'employee_pension', status: 'active', yearly: false, lastPaid: null, since: '2026-01', through: '2026-10', monthsUnpaid: months }],
      monthsUnpaid: months, since: '2026-01', ageYears: age, ageBand: ageBandOf(age),
      pension: short === null ? null : { scheme: 'employee_pension', monthsPaid: 100, minimumMonths: 180, monthsShort: short, retirementMonth: '2036-01', monthsToRetirement: toRetire },
      nearRetirement: toRetire >= 0 && toRetire <= 60,
    },
  };
}

describe('worklist filters, sorting and counts', () => {
  const rows = [
    row(1, { name: '张三', months: 12, age: 52, short: 30, toRetire: 40, town: '120101001000', cats: ['flexible'] }),
    row(2, { name: '李四', months: 2, age: 33, short: 0, town: '120101002000' }),
    row(3, { name: '王五', months: 24, age: 61, short: null, scheme: 'residents_medical', cats: ['resident'] }),
  ];

  it('filters by each criterion', () => {
    const ids = (f: Parameters<typeof matchesFilter>[1]): string[] => rows.filter((r) => matchesFilter(r, f)).map((r) => r.name);
    expect(ids({})).toEqual(['张三', '李四', '王五']);
    expect(ids({ category: 'flexible' })).toEqual(['张三']);
    expect(ids({ townCode: '120101002000' })).toEqual(['李四']);
    expect(ids({ minMonths: 12 })).toEqual(['张三', '王五']);
    expect(ids({ ageBand: '30_39' })).toEqual(['李四']);
    expect(ids({ minYearsShort: 0 })).toEqual(['张三']);
    expect(ids({ minYearsShort: 3 })).toEqual([]);
    expect(ids({ minYearsShort: 2 })).toEqual(['张三']);
    expect(ids({ nearRetirementOnly: true })).toEqual(['张三']);
    expect(ids({ scheme: 'residents_medical' })).toEqual(['王五']);
  });

  it('sorts by a key both ways; rows without pension figures go last', () => {
    expect(sortRows(rows, { key: 'monthsUnpaid', order: 'desc' }).map((r) => r.name)).toEqual(['王五', '张三', '李四']);
    expect(sortRows(rows, { key: 'age', order: 'asc' }).map((r) => r.name)).toEqual(['李四', '张三', '王五']);
    expect(sortRows(rows, { key: 'monthsShort', order: 'asc' }).map((r) => r.name)).toEqual(['李四', '张三', '王五']);
    expect(sortRows(rows, { key: 'monthsShort', order: 'desc' }).map((r) => r.name)).toEqual(['张三', '李四', '王五']);
  });

  it('counts people, schemes, short and near retirement', () => {
    expect(lapseCounts(rows)).toEqual({ people: 3, byScheme: { employee_pension: 2, residents_medical: 1 }, short: 1, nearRetirement: 1 });
  });

  it('categories in force on a day', () => {
    expect(categoriesOn([{ code: 'flexible', from: '2020-01-01', to: null }, { code: 'unemployed', from: '2019-01-01', to: '2019-12-31' }], '2026-11-23')).toEqual(['flexible']);
  });

  it('property: sorting keeps every row once and is ordered by the key', () => {
    fc.assert(fc.property(fc.array(fc.record({ months: fc.integer({ min: 1, max: 200 }), age: fc.integer({ min: 16, max: 80 }) }), { maxLength: 40 }), (specs) => {
      const list = specs.map((s, i) => row(i, s));
      const sorted = sortRows(list, { key: 'monthsUnpaid', order: 'desc' });
      const sameSet = new Set(sorted.map((r) => r.personId)).size === list.length && sorted.length === list.length;
      const ordered = sorted.every((r, i) => i === 0 || (sorted[i - 1]?.lapse.monthsUnpaid ?? 0) >= r.lapse.monthsUnpaid);
      const filtered = list.filter((r) => matchesFilter(r, { minMonths: 50 }));
      return sameSet && ordered && filtered.every((r) => r.lapse.monthsUnpaid >= 50) && filtered.length === list.filter((r) => r.lapse.monthsUnpaid >= 50).length;
    }));
  });
});
