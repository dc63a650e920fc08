import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  delayMonths,
  RETIREMENT_TRACKS,
  statutoryRetirement,
  trackFor,
  type RetirementTrack,
} from '../../../src/shared/retirement/retirement-age';
import { addMonths, monthFromIndex, monthIndex } from '../../../src/shared/months';

/** Second, independent method: walk birth months one by one, counting birth months per delay group. */
const walkTable = (
  firstAffected: [number, number],
  step: number,
  cap: number,
  baseYears: number,
  from: [number, number],
  to: [number, number],
): Map<string, { delay: number; retirement: string }> => {
  const out = new Map<string, { delay: number; retirement: string }>();
  let [y, m] = from;
  let delay = 0;
  let inGroup = 0;
  let started = false;
  for (;;) {
    if (!started && y === firstAffected[0] && m === firstAffected[1]) started = true;
    if (started) {
      if (inGroup === 0 && delay < cap) delay++;
      inGroup = (inGroup + 1) % step;
    }
    // Retirement month by calendar arithmetic (Date.UTC normalises month overflow).
    const d = new Date(Date.UTC(y + baseYears, m - 1 + delay, 1));
    const retirement = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.set(`${y}-${String(m).padStart(2, '0')}`, { delay, retirement });
    if (y === to[0] && m === to[1]) break;
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
};

const checkAgainstWalk = (track: RetirementTrack, table: Map<string, { delay: number; retirement: string }>, baseYears: number) => {
  for (const [birth, want] of table) {
    const r = statutoryRetirement(track, birth);
    expect({ birth, delay: r.delayMonths, retirement: r.retirementMonth }).toEqual({ birth, delay: want.delay, retirement: want.retirement });
    expect(r.ageMonths).toBe(baseYears * 12 + want.delay);
    expect(r.age).toEqual({ years: Math.floor(r.ageMonths / 12), months: r.ageMonths % 12 });
  }
};

describe('statutory retirement under the 2025 reform', () => {
  it('male60: every birth month 1964-01 … 1977-12 matches an independently walked table', () => {
    const table = walkTable([1965, 1], 4, 36, 60, [1964, 1], [1977, 12]);
    expect(table.size).toBe(14 * 12);
    checkAgainstWalk('male60', table, 60);
  });

  it('female55: every birth month 1969-01 … 1982-12 matches the walked table', () => {
    checkAgainstWalk('female55', walkTable([1970, 1], 4, 36, 55, [1969, 1], [1982, 12]), 55);
  });

  it('female50: every birth month 1974-01 … 1985-12 matches the walked table (step 2)', () => {
    checkAgainstWalk('female50', walkTable([1975, 1], 2, 60, 50, [1974, 1], [1985, 12]), 50);
  });

  it('male60 at the reform start and the first steps', () => {
    const rows = ['1964-12', '1965-01', '1965-02', '1965-03', '1965-04', '1965-05', '1965-08', '1965-09'].map((b) => {
      const r = statutoryRetirement('male60', b);
      return [b, r.delayMonths, `${r.age.years}y${r.age.months}m`, r.retirementMonth];
    });
    expect(rows).toEqual([
      ['1964-12', 0, '60y0m', '2024-12'],
      ['1965-01', 1, '60y1m', '2025-02'],
      ['1965-02', 1, '60y1m', '2025-03'],
      ['1965-03', 1, '60y1m', '2025-04'],
      ['1965-04', 1, '60y1m', '2025-05'],
      ['1965-05', 2, '60y2m', '2025-07'],
      ['1965-08', 2, '60y2m', '2025-10'],
      ['1965-09', 3, '60y3m', '2025-12'],
    ]);
  });

  it('matches published examples (annex tables; 电子社保卡 calculator results as quoted in public write-ups)', () => {
    const ex: [RetirementTrack, string, string][] = [
      ['male60', '1965-01', '2025-02'],
      ['male60', '1966-01', '2026-05'],
      ['male60', '1975-06', '2038-02'],
      ['male60', '1988-09', '2051-09'],
      ['female55', '1970-01', '2025-02'],
      ['female55', '1970-06', '2025-08'],
      ['female55', '1970-09', '2025-12'],
      ['female55', '1971-06', '2026-11'],
      ['female50', '1975-01', '2025-02'],
      ['female50', '1975-06', '2025-09'],
      ['female50', '1976-06', '2027-03'],
      ['female50', '1977-01', '2028-02'],
      ['female50', '1984-11', '2039-11'],
    ];
    for (const [track, birth, retirement] of ex) expect([track, birth, statutoryRetirement(track, birth).retirementMonth]).toEqual([track, birth, retirement]);
  });

  it('the cap is reached exactly: male60 1976-08 → 35, 1976-09 → 36 (63 years), later stays 36', () => {
    expect(delayMonths('male60', '1976-08')).toBe(35);
    expect(statutoryRetirement('male60', '1976-09')).toMatchObject({ delayMonths: 36, age: { years: 63, months: 0 }, retirementMonth: '2039-09', retirementYear: 2039 });
    expect(delayMonths('male60', '1990-01')).toBe(36);
    expect(delayMonths('female55', '1981-08')).toBe(35);
    expect(statutoryRetirement('female55', '1981-09')).toMatchObject({ delayMonths: 36, age: { years: 58, months: 0 }, retirementMonth: '2039-09' });
    expect(delayMonths('female50', '1984-10')).toBe(59);
    expect(statutoryRetirement('female50', '1984-11')).toMatchObject({ delayMonths: 60, age: { years: 55, months: 0 }, retirementMonth: '2039-11' });
  });

  it('female50 steps every 2 birth months', () => {
    expect(['1974-12', '1975-01', '1975-02', '1975-03', '1975-04', '1975-05'].map((b) => delayMonths('female50', b))).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('the track of a woman is the pack setting; a man is always male60', () => {
    expect(trackFor('M', 'female50')).toBe('male60');
    expect(trackFor('F', 'female50')).toBe('female50');
    expect(trackFor('F', 'female55')).toBe('female55');
  });

  it('property: delay is non-decreasing in birth month, moves by at most 1, and stays within [0, cap]', () => {
    const caps: Record<RetirementTrack, number> = { male60: 36, female55: 36, female50: 60 };
    fc.assert(
      fc.property(fc.constantFrom(...RETIREMENT_TRACKS), fc.integer({ min: 1950 * 12, max: 2000 * 12 }), (track, idx) => {
        const a = delayMonths(track, monthFromIndex(idx));
        const b = delayMonths(track, monthFromIndex(idx + 1));
        expect(b - a).toBeGreaterThanOrEqual(0);
        expect(b - a).toBeLessThanOrEqual(1);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(caps[track]);
      }),
    );
  });

  it('property: a later birth never retires earlier, and retirement month = birth + age', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RETIREMENT_TRACKS), fc.integer({ min: 1950 * 12, max: 2000 * 12 }), (track, idx) => {
        const a = statutoryRetirement(track, monthFromIndex(idx));
        const b = statutoryRetirement(track, monthFromIndex(idx + 1));
        expect(monthIndex(b.retirementMonth)).toBeGreaterThan(monthIndex(a.retirementMonth));
        expect(addMonths(a.birthMonth, a.ageMonths)).toBe(a.retirementMonth);
      }),
    );
  });
});
