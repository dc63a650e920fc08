import { describe, expect, it } from 'vitest';
import { accountStatement, yearInterest } from '../../../src/shared/contributions/interest';
import { bp, type Ratio } from '../../../src/shared/money/ratio';

const zeros = (): number[] => new Array<number>(12).fill(0);
const RATES = new Map<number, Ratio>([[2023, bp(397)], [2024, bp(262)]]);

describe('month-product interest (DOMAIN.md §6)', () => {
  it('the opening balance earns a full year: 10000.00 at 3.97% → 397.00', () => {
    expect(yearInterest(1_000_000, zeros(), bp(397))).toBe(39_700);
  });

  it('1000.00 credited every month of 2024 at 2.62%: 100000 × 78 × 2.62% / 12 = 170.30', () => {
    expect(yearInterest(0, new Array<number>(12).fill(100_000), bp(262))).toBe(17_030);
  });

  it('a January credit earns 12/12, a December credit 1/12 (1000.00 × 2.62% / 12 = 2.1833 → 2.18)', () => {
    const jan = zeros();
    jan[0] = 100_000;
    const dec = zeros();
    dec[11] = 100_000;
    expect([yearInterest(0, jan, bp(262)), yearInterest(0, dec, bp(262))]).toEqual([2_620, 218]);
  });

  it('rounds half up once per year, never per month', () => {
    // 6 fen in month 7 at 2.62%: 6 × 6 × 0.0262 / 12 = 0.0786 fen → 0; with 1 fen opening: (12 + 36) × 0.0262/12 = 0.1048 → 0.
    const m = zeros();
    m[6] = 6;
    expect(yearInterest(0, m, bp(262))).toBe(0);
    // 12 × 5000 × 1/12 = 5000 × 1%: exactly 50 — and 50 fen at 1% → 0.5 → rounds up to 1.
    expect(yearInterest(50, zeros(), bp(100))).toBe(1);
  });

  it('statement: credits by year, interest by year at that year\'s rate, compounding at year end', () => {
    const r = accountStatement([{ month: '2023-01', fen: 100_000 }, { month: '2024-07', fen: 100_000 }], RATES, 2024);
    if (!r.ok) throw new Error(r.code);
    // 2023: 100000 × 12/12 × 3.97% = 3970. 2024: (103970 × 12 + 100000 × 6) × 2.62% / 12 = 4034.01 → 4034.
    expect(r.value.years).toEqual([
      { year: 2023, openingFen: 0, creditsFen: 100_000, interestFen: 3_970, rate: bp(397), closingFen: 103_970 },
      { year: 2024, openingFen: 103_970, creditsFen: 100_000, interestFen: 4_034, rate: bp(262), closingFen: 208_004 },
    ]);
    expect([r.value.balanceFen, r.value.totalCreditsFen, r.value.totalInterestFen]).toEqual([208_004, 200_000, 8_004]);
  });

  it('the open year (no rate yet) shows credits without interest; a missing past rate is an error', () => {
    const r = accountStatement([{ month: '2024-01', fen: 100_000 }, { month: '2025-03', fen: 50_000 }], RATES, 2025);
    expect(r.ok && r.value.years.map((y) => [y.year, y.interestFen, y.closingFen])).toEqual([[2024, 2_620, 102_620], [2025, null, 152_620]]);
    expect(accountStatement([{ month: '2022-05', fen: 1 }], RATES, 2024)).toEqual({ ok: false, code: 'interest.rateMissing', params: { year: 2022 } });
    expect(accountStatement([], RATES, 2024)).toEqual({ ok: true, value: { years: [], balanceFen: 0, totalCreditsFen: 0, totalInterestFen: 0 } });
  });

  it('an opening balance carried in from before the credits earns a full year', () => {
    const r = accountStatement([], RATES, 2024, { year: 2024, fen: 1_000_000 });
    expect(r.ok && r.value.balanceFen).toBe(1_026_200);
  });
});
