import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths, compareMonths, isMonth, monthDiff, monthFromIndex, monthIndex, monthInSpan, monthList, monthOfYear, monthsInclusive, parseMonth, yearOf,
} from '../../src/shared/months';

const arbMonth = fc.integer({ min: 2000 * 12, max: 2100 * 12 + 11 }).map(monthFromIndex);

describe('months', () => {
  it('validates and parses the forms clerks type', () => {
    expect(isMonth('2025-07')).toBe(true);
    for (const bad of ['2025-7', '2025-13', '2025-00', '25-07', '2025-07-01', '', 'x']) expect(isMonth(bad), bad).toBe(false);
    expect(parseMonth('202507')).toEqual({ ok: true, value: '2025-07' });
    expect(parseMonth('2025/7')).toEqual({ ok: true, value: '2025-07' });
    expect(parseMonth(' 2025.12 ')).toEqual({ ok: true, value: '2025-12' });
    expect(parseMonth('20257')).toEqual({ ok: false, code: 'month.format' });
    expect(parseMonth('2025-13')).toEqual({ ok: false, code: 'month.format' });
  });

  it('adds, diffs and compares across year ends', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthDiff('2024-07', '2025-06')).toBe(11);
    expect(monthsInclusive('2024-07', '2025-06')).toBe(12);
    expect(monthsInclusive('2025-06', '2024-07')).toBe(0);
    expect(compareMonths('2024-12', '2025-01')).toBe(-1);
    expect(monthList('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect([yearOf('2025-07'), monthOfYear('2025-07')]).toEqual([2025, 7]);
    expect(monthInSpan('2026-01', '2025-07', undefined)).toBe(true);
    expect(monthInSpan('2025-06', '2025-07', null)).toBe(false);
    expect(() => monthIndex('2025-13')).toThrow();
  });

  it('property: index round-trips, add/diff are inverse, and string order is month order', () => {
    fc.assert(
      fc.property(arbMonth, arbMonth, fc.integer({ min: -500, max: 500 }), (a, b, n) => {
        expect(monthFromIndex(monthIndex(a))).toBe(a);
        expect(monthDiff(a, addMonths(a, n))).toBe(n);
        expect(compareMonths(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(monthList(a, b).length).toBe(monthsInclusive(a, b));
      }),
    );
  });
});
