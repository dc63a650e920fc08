import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountPensionFen, projectAccount } from '../../../src/shared/pension/personal-account';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';

const monthly = (from: string, to: string, fen: number): Map<string, number> => {
  const m = new Map<string, number>();
  for (let i = monthIndex(from); i <= monthIndex(to); i++) m.set(monthFromIndex(i), fen);
  return m;
};

describe('personal account projection', () => {
  it('opening balance earns a full year', () => {
    const r = projectAccount({ openingFen: 100_000, startMonth: '2024-01', endMonth: '2024-12', creditsFen: new Map(), creditingRateBp: () => 262 });
    expect(r).toEqual({ balanceFen: 102_620, creditsFen: 0, interestFen: 2620, interestByYear: [{ year: 2024, interestFen: 2620 }] });
  });

  it('month-product: 1000 fen credited every month at 12 % → Σ(13 − n) × 1000 × 1 % = 780', () => {
    const r = projectAccount({ openingFen: 0, startMonth: '2025-01', endMonth: '2025-12', creditsFen: monthly('2025-01', '2025-12', 1000), creditingRateBp: () => 1200 });
    expect(r.interestFen).toBe(780);
    expect(r.balanceFen).toBe(12_780);
  });

  it('partial first and last years count only the months in the window', () => {
    // 12000 × 6 months × 1 % = 720 in 2025; then 12720 × 3 months × 1 % = 381.6 → 382 to 2026-03.
    const r = projectAccount({ openingFen: 12_000, startMonth: '2025-07', endMonth: '2026-03', creditsFen: new Map(), creditingRateBp: () => 1200 });
    expect(r.interestByYear).toEqual([{ year: 2025, interestFen: 720 }, { year: 2026, interestFen: 382 }]);
    expect(r.balanceFen).toBe(13_102);
  });

  it('compounds yearly with the rate of each year, interest rounded half up per year', () => {
    const r = projectAccount({ openingFen: 10_000, startMonth: '2023-01', endMonth: '2024-12', creditsFen: new Map(), creditingRateBp: (y) => (y === 2023 ? 397 : 262) });
    // 2023: 397.0; 2024: 10397 × 2.62 % = 272.4014 → 272
    expect(r.interestByYear).toEqual([{ year: 2023, interestFen: 397 }, { year: 2024, interestFen: 272 }]);
    const tie = projectAccount({ openingFen: 5, startMonth: '2023-01', endMonth: '2023-12', creditsFen: new Map(), creditingRateBp: () => 1000 });
    expect(tie.interestFen).toBe(1); // 0.5 fen → 1
  });

  it('an empty window leaves the opening balance', () => {
    expect(projectAccount({ openingFen: 7, startMonth: '2026-01', endMonth: '2025-12', creditsFen: new Map(), creditingRateBp: () => 500 }).balanceFen).toBe(7);
  });

  it('account pension = balance ÷ 计发月数 (tenths), half up', () => {
    expect(accountPensionFen(139_000, 1390)).toBe(1000);
    expect(accountPensionFen(138_400, 1384)).toBe(1000);
    expect(accountPensionFen(1_460_000, 1297)).toBe(11_257);
    expect(accountPensionFen(0, 1390)).toBe(0);
  });

  it('property: balance = opening + credits + interest, and a higher rate never lowers it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 2020 * 12, max: 2030 * 12 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 300 }),
        (opening, start, len, credit, rate, more) => {
          const s = monthFromIndex(start);
          const e = monthFromIndex(start + len);
          const credits = monthly(s, e, credit);
          const a = projectAccount({ openingFen: opening, startMonth: s, endMonth: e, creditsFen: credits, creditingRateBp: () => rate });
          const b = projectAccount({ openingFen: opening, startMonth: s, endMonth: e, creditsFen: credits, creditingRateBp: () => rate + more });
          expect(a.balanceFen).toBe(opening + a.creditsFen + a.interestFen);
          expect(a.creditsFen).toBe(credit * (len + 1));
          expect(b.balanceFen).toBeGreaterThanOrEqual(a.balanceFen);
        },
      ),
    );
  });
});
