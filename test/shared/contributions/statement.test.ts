import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineCredits, monthRanges, personStatement } from '../../../src/shared/contributions/statement';
import { personTopUps } from '../../../src/shared/contributions/top-up-worklist';
import { bp } from '../../../src/shared/money/ratio';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';
import type { PaymentLine } from '../../../src/shared/payment';
import { shippedPacks, TIANJIN } from '../policy/packs';
import { confirmation, contribution, correction, declaration, PERSON_A, PERSON_B, topUpRecord } from './payment-builders';

const all = shippedPacks().filter((p) => p.region.code === TIANJIN);
const only2024 = all.filter((p) => p.version === '2024.1');

/**
 * One person's employee pension, 2024–2025 (personal account 8% of the base, DOMAIN.md §3):
 *  2024-01~03 at 5013.00: 1203.12 → 401.04 a month;  2024-07 at 6000.00: 480.00;
 *  2024-10 at 5013.00, reversed (nets to nothing);   2025-01~03 at 5013.00 (401.04 a month) + its 补差 8.88 a month;
 *  2025-04 declared, not confirmed (not credited);   2025-05 declared and confirmed: 401.04.
 */
function history() {
  const q1 = contribution(PERSON_A, 'employee_pension', '2024-01', '2024-03', 501_300, only2024);
  const jul = contribution(PERSON_A, 'employee_pension', '2024-07', '2024-07', 600_000, only2024);
  const oct = contribution(PERSON_A, 'employee_pension', '2024-10', '2024-10', 501_300, only2024);
  const q125 = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
  const [owed] = personTopUps([q125], all);
  const apr = declaration(PERSON_A, '2025-04', '2025-04', 501_300, only2024);
  const may = declaration(PERSON_A, '2025-05', '2025-05', 501_300, only2024);
  const other = contribution(PERSON_B, 'employee_pension', '2024-01', '2024-01', 900_000, only2024);
  const medical = contribution(PERSON_A, 'employee_medical', '2024-01', '2024-01', 501_300, only2024);
  return [q1, jul, oct, correction('reversal', oct), q125, topUpRecord(owed!), apr, may, confirmation(may), other, medical];
}

const query = (throughYear: number) => ({ personId: PERSON_A, scheme: 'employee_pension' as const, regionCode: TIANJIN, throughYear });

describe('对账单: credits, month-product interest, balance (issue 3 §8, DOMAIN.md §6)', () => {
  it('2024 closed at 2.62%, 2025 open: figures computed by hand', () => {
    const s = personStatement(history(), all, query(2025));
    // 2024 interest: (401.04 × (12 + 11 + 10) + 480.00 × 6) × 2.62% / 12 = 35.1829 yuan → 35.18.
    // 2025 credits: 3 × 401.04 + 3 × 8.88 + 401.04 = 1630.80; no interest yet (the year is open).
    expect(s.years).toEqual([
      { year: 2024, openingFen: 0, creditsFen: 168_312, rate: bp(262), interestFen: 3_518, rateMissing: false, closingFen: 171_830 },
      { year: 2025, openingFen: 171_830, creditsFen: 163_080, rate: null, interestFen: null, rateMissing: false, closingFen: 334_910 },
    ]);
    expect([s.totalCreditsFen, s.totalInterestFen, s.balanceFen, s.interestIncomplete]).toEqual([331_392, 3_518, 334_910, false]);
    expect(s.paidRanges).toEqual([
      { from: '2024-01', to: '2024-03', months: 3 },
      { from: '2024-07', to: '2024-07', months: 1 },
      { from: '2025-01', to: '2025-03', months: 3 },
      { from: '2025-05', to: '2025-05', months: 1 },
    ]);
    expect(s.pendingRanges).toEqual([{ from: '2025-04', to: '2025-04', months: 1 }]);
  });

  it('a closed year with no published rate is flagged and earns nothing in the balance; with its rate it compounds', () => {
    const s = personStatement(history(), all, query(2026));
    expect(s.years.map((y) => [y.year, y.interestFen, y.rateMissing, y.closingFen])).toEqual([
      [2024, 3_518, false, 171_830],
      [2025, null, true, 334_910],
      [2026, null, false, 334_910],
    ]);
    expect(s.interestIncomplete).toBe(true);

    // A pack carrying a 2025 rate of 2.00% (made up for the test): opening 1718.30 earns a full year, then
    // (171830 × 12 + 409.92 × (12 + 11 + 10) + 401.04 × 8) × 2% / 12 = 62.2588 yuan → 62.26.
    const withRate = all.map((p) => ({ ...p, interestRates: [...p.interestRates.filter((r) => r.year !== 2025), { ...p.interestRates[0]!, year: 2025, value: bp(200) }] }));
    const t = personStatement(history(), withRate, query(2026));
    expect(t.years[1]).toEqual({ year: 2025, openingFen: 171_830, creditsFen: 163_080, rate: bp(200), interestFen: 6_226, rateMissing: false, closingFen: 341_136 });
    expect(t.interestIncomplete).toBe(false);
  });

  it('a refund or reversal of every record leaves nothing; another scheme and person are not mixed in', () => {
    const h = history();
    const undone = [...h, ...h.filter((p) => p.personId === PERSON_A && p.scheme === 'employee_pension' && (p.kind === 'contribution' || p.kind === 'top_up') && p.id !== h[2]!.id).map((p) => correction('refund', p))];
    const s = personStatement(undone, all, query(2025));
    expect(s.years.map((y) => [y.creditsFen, y.interestFen ?? 0])).toEqual([[0, 0], [0, 0]]);
    expect(s.paidRanges).toEqual([]);
    expect(personStatement(h, all, { ...query(2025), scheme: 'employee_medical' }).totalCreditsFen).toBe(0);
    expect(personStatement([], all, query(2025))).toMatchObject({ years: [], balanceFen: 0 });
  });

  it('lineCredits spreads a line over its months to the fen, remainder to the earliest', () => {
    const line = { fromMonth: '2025-01', toMonth: '2025-03', personalAccountFen: 100 } as PaymentLine;
    expect(lineCredits(line, 1).map((c) => c.fen)).toEqual([34, 33, 33]);
    expect(lineCredits(line, -1).map((c) => c.fen)).toEqual([-34, -33, -33]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 23 }), (fen, extra) => {
        const l = { fromMonth: '2024-01', toMonth: monthFromIndex(monthIndex('2024-01') + extra), personalAccountFen: fen } as PaymentLine;
        const parts = lineCredits(l, 1);
        expect(parts).toHaveLength(extra + 1);
        expect(parts.reduce((s, c) => s + c.fen, 0)).toBe(fen);
        expect(Math.max(...parts.map((c) => c.fen)) - Math.min(...parts.map((c) => c.fen))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('monthRanges merges consecutive months across a year end', () => {
    expect(monthRanges(['2024-12', '2025-01', '2024-11', '2025-03', '2025-01'])).toEqual([
      { from: '2024-11', to: '2025-01', months: 3 },
      { from: '2025-03', to: '2025-03', months: 1 },
    ]);
  });
});
