import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTopUp, type PaidLine } from '../../../src/shared/contributions/top-up';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';
import { BEIJING, shippedPacks, TIANJIN } from '../policy/packs';

const all = shippedPacks();
const only2024 = all.filter((p) => p.version === '2024.1');

describe('补差 (top-up after a late pack)', () => {
  const paidQ1: PaidLine = { scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-01', toMonth: '2025-03', baseFen: 501_300, packVersion: '2024.1' };

  it('Tianjin: Q1 2025 paid at the 2024 floor (5013) owes (5124 − 5013) × 20% = 22.20 a month once the 2025 pack arrives', () => {
    const r = computeTopUp([paidQ1], all);
    expect(r.items.map((i) => [i.month, i.baseDiffFen, i.owedFen, i.personalAccountFen, i.pooledFen, i.newPackVersion])).toEqual([
      ['2025-01', 11_100, 2_220, 888, 1_332, '2025.1'],
      ['2025-02', 11_100, 2_220, 888, 1_332, '2025.1'],
      ['2025-03', 11_100, 2_220, 888, 1_332, '2025.1'],
    ]);
    expect([r.totalFen, r.personalAccountFen, r.pooledFen]).toEqual([6_660, 2_664, 3_996]);
  });

  it('medical at a rate owes too, each month rounded once: 111.00 × 8.5% = 9.435 → 9.44', () => {
    const r = computeTopUp([{ ...paidQ1, scheme: 'employee_medical', fromMonth: '2025-01', toMonth: '2025-01' }], all);
    expect(r.items.map((i) => i.owedFen)).toEqual([944]);
  });

  it('nothing is owed before the new pack arrives, after the 补差 is recorded, or for a fixed medical amount', () => {
    expect(computeTopUp([paidQ1], only2024).totalFen).toBe(0);
    const settled: PaidLine = { ...paidQ1, baseFen: 512_400, packVersion: '2025.1' };
    expect(computeTopUp([paidQ1, settled], all).items).toEqual([]);
    expect(computeTopUp([{ scheme: 'employee_medical', regionCode: BEIJING, fromMonth: '2025-07', toMonth: '2025-07', baseFen: 682_100, packVersion: '2024.1' }], all).items).toEqual([]);
  });

  it("a pack whose rule is 'none' owes nothing", () => {
    const none = all.map((p) => ({ ...p, topUp: { ...p.topUp, value: { rule: 'none' as const, schemes: [] } } }));
    expect(computeTopUp([paidQ1], none).totalFen).toBe(0);
  });

  it('property: zero when the paid base is at or above the new floor; otherwise (floor − base) × 20% per month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 300_000, max: 2_500_000 }),
        fc.integer({ min: monthIndex('2025-01'), max: monthIndex('2025-12') }),
        fc.integer({ min: 0, max: 11 }),
        (baseFen, start, len) => {
          const from = monthFromIndex(start);
          const to = monthFromIndex(Math.min(start + len, monthIndex('2025-12')));
          const r = computeTopUp([{ ...paidQ1, fromMonth: from, toMonth: to, baseFen }], all);
          const months = monthIndex(to) - start + 1;
          if (baseFen >= 512_400) expect(r.totalFen).toBe(0);
          else expect(r.totalFen).toBe(months * Math.round(((512_400 - baseFen) * 2) / 10)); // (diff × 20%) is whole fen
          for (const i of r.items) expect(i.personalAccountFen + i.pooledFen).toBe(i.owedFen);
        },
      ),
    );
  });
});
