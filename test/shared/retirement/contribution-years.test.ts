import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contributionYears, distinctMonths, projectMinimum, yearsTenthsTruncated } from '../../../src/shared/retirement/contribution-years';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';

const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
};

describe('contribution years', () => {
  it('adds deemed and distinct paid months; a month paid twice counts once', () => {
    const paid = [...span('2015-01', '2019-12'), '2016-03', '2016-03'];
    const r = contributionYears({ deemedMonths: 100, paidMonths: paid, minimumMonths: 180 });
    expect(r).toEqual({
      deemedMonths: 100,
      transferredMonths: 0,
      actualMonths: 60,
      totalMonths: 160,
      total: { years: 13, months: 4 },
      totalYearsTenths: 133,
      minimumMonths: 180,
      monthsNeeded: 20,
      minimumReached: false,
    });
  });

  it('adds months transferred in from another region (转移接续) to deemed and paid months', () => {
    const r = contributionYears({ deemedMonths: 100, transferredMonths: 26, paidMonths: span('2015-01', '2019-12'), minimumMonths: 192 });
    expect(r).toMatchObject({ transferredMonths: 26, actualMonths: 60, totalMonths: 186, total: { years: 15, months: 6 }, totalYearsTenths: 155, monthsNeeded: 6 });
    expect(projectMinimum({ deemedMonths: 100, transferredMonths: 26, paidMonths: span('2015-01', '2019-12'), minimumMonths: 192, startMonth: '2026-01', retirementMonth: '2030-12' }))
      .toMatchObject({ reachedInMonth: '2026-06', alreadyReached: false });
  });

  it('reports the minimum reached exactly at 180 months, and 0 months needed beyond it', () => {
    expect(contributionYears({ deemedMonths: 60, paidMonths: span('2010-01', '2019-12'), minimumMonths: 180 })).toMatchObject({ totalMonths: 180, monthsNeeded: 0, minimumReached: true, totalYearsTenths: 150 });
    expect(contributionYears({ deemedMonths: 61, paidMonths: span('2010-01', '2019-12'), minimumMonths: 180 })).toMatchObject({ monthsNeeded: 0, minimumReached: true });
  });

  it('display years are truncated to a tenth: 179 months is 14.9, never 15.0', () => {
    expect(yearsTenthsTruncated(179)).toBe(149);
    expect(yearsTenthsTruncated(180)).toBe(150);
    expect(yearsTenthsTruncated(185)).toBe(154);
    expect(yearsTenthsTruncated(186)).toBe(155);
    expect(yearsTenthsTruncated(0)).toBe(0);
  });

  it('distinctMonths sorts and de-duplicates', () => {
    expect(distinctMonths(['2020-03', '2019-12', '2020-03', '2020-01'])).toEqual(['2019-12', '2020-01', '2020-03']);
  });

  it('projects when the minimum is reached paying continuously, skipping months already paid', () => {
    const r = projectMinimum({
      deemedMonths: 0,
      paidMonths: [...span('2012-01', '2025-12'), '2026-02'],
      minimumMonths: 180,
      startMonth: '2026-01',
      retirementMonth: '2030-06',
    });
    // 168 + 1 (2026-02) = 169 paid; needs 11 more: 2026-01, 2026-03 … 2026-12 → reached in 2026-12.
    expect(r).toMatchObject({ alreadyReached: false, willReachMinimum: true, reachedInMonth: '2026-12', shortfallAtRetirement: 0 });
    expect(r.monthsAvailable).toBe(54 - 1);
    expect(r.totalAtRetirement).toBe(169 + 53);
  });

  it('says how many months are still short at retirement when the minimum cannot be reached', () => {
    const r = projectMinimum({ deemedMonths: 0, paidMonths: span('2020-01', '2024-12'), minimumMonths: 186, startMonth: '2025-01', retirementMonth: '2030-12' });
    expect(r).toMatchObject({ monthsAvailable: 72, totalAtRetirement: 132, willReachMinimum: false, reachedInMonth: null, shortfallAtRetirement: 54 });
  });

  it('counts the retirement month itself as payable, and nothing when start is after retirement', () => {
    expect(projectMinimum({ deemedMonths: 179, paidMonths: [], minimumMonths: 180, startMonth: '2030-06', retirementMonth: '2030-06' })).toMatchObject({ monthsAvailable: 1, willReachMinimum: true, reachedInMonth: '2030-06' });
    expect(projectMinimum({ deemedMonths: 179, paidMonths: [], minimumMonths: 180, startMonth: '2030-07', retirementMonth: '2030-06' })).toMatchObject({ monthsAvailable: 0, willReachMinimum: false, shortfallAtRetirement: 1 });
    expect(projectMinimum({ deemedMonths: 200, paidMonths: [], minimumMonths: 180, startMonth: '2030-01', retirementMonth: '2030-06' })).toMatchObject({ alreadyReached: true, reachedInMonth: null, willReachMinimum: true });
  });

  const paidArb = fc.uniqueArray(fc.integer({ min: 2000 * 12, max: 2030 * 12 }), { maxLength: 200 }).map((xs) => xs.map(monthFromIndex));

  it('property: total = deemed + distinct paid; needed + total ≥ minimum; order and duplicates do not matter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), paidArb, fc.integer({ min: 180, max: 240 }), (deemed, paid, min) => {
        const a = contributionYears({ deemedMonths: deemed, paidMonths: paid, minimumMonths: min });
        const b = contributionYears({ deemedMonths: deemed, paidMonths: [...paid].reverse().concat(paid.slice(0, 3)), minimumMonths: min });
        expect(b).toEqual(a);
        expect(a.totalMonths).toBe(deemed + paid.length);
        expect(a.monthsNeeded + a.totalMonths).toBeGreaterThanOrEqual(min);
        expect(a.minimumReached).toBe(a.totalMonths >= min);
        expect(a.total.years * 12 + a.total.months).toBe(a.totalMonths);
      }),
    );
  });

  it('property: projection agrees with its own totals and the reached month lies within the paying window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        paidArb,
        fc.integer({ min: 2024 * 12, max: 2035 * 12 }),
        fc.integer({ min: 0, max: 200 }),
        (deemed, paid, start, len) => {
          const startMonth = monthFromIndex(start);
          const retirementMonth = monthFromIndex(start + len);
          const r = projectMinimum({ deemedMonths: deemed, paidMonths: paid, minimumMonths: 180, startMonth, retirementMonth });
          const alreadyInWindow = paid.filter((m) => monthIndex(m) >= start && monthIndex(m) <= start + len).length;
          expect(r.monthsAvailable).toBe(len + 1 - alreadyInWindow);
          expect(r.totalAtRetirement).toBe(deemed + paid.length + r.monthsAvailable);
          expect(r.willReachMinimum).toBe(r.totalAtRetirement >= 180);
          if (r.reachedInMonth !== null) {
            expect(monthIndex(r.reachedInMonth)).toBeGreaterThanOrEqual(start);
            expect(monthIndex(r.reachedInMonth)).toBeLessThanOrEqual(start + len);
          }
          expect(r.reachedInMonth !== null || r.alreadyReached || !r.willReachMinimum).toBe(true);
        },
      ),
    );
  });
});
