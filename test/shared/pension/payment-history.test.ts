import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountAtYearStart, paymentHistory } from '../../../src/shared/pension/payment-history';
import { planParamsFromPack } from '../../../src/shared/pension/plan-params-from-pack';
import { correct, pay } from '../corrections/correction-fixtures';
import { shippedPack, shippedPacks, TIANJIN } from '../policy/packs';

const packs = shippedPacks();
const EMPLOYEE = { scheme: 'employee_pension' as const };

describe('contribution history from payment records', () => {
  it('counts live contribution months only: a reversed payment adds no months, no index and no credits', () => {
    const a = pay(1, { from: '2025-01', to: '2025-03' });
    const b = pay(2, { from: '2025-04', to: '2025-06' });
    const h = paymentHistory([a, b, correct(3, b, 'reversal')], packs, EMPLOYEE);
    expect(h.paidMonths).toEqual(['2025-01', '2025-02', '2025-03']);
    // Base 5124 yuan against the Tianjin 2025 pack's average wage 8540 yuan (index 0.6).
    expect(h.history).toEqual([{ months: 3, baseFen: 512_400, averageWageFen: 854_000 }]);
    // The fixture line credits 40 % of 3 × 1024.80 = 1229.76 yuan, spread 409.92 a month.
    expect([...h.creditsByMonth]).toEqual([['2025-01', 40_992], ['2025-02', 40_992], ['2025-03', 40_992]]);
  });

  it('a double payment counts its months once but keeps both credits until refunded; a refund removes one', () => {
    const a = pay(1);
    const twice = pay(2);
    expect(paymentHistory([a, twice], packs, EMPLOYEE)).toMatchObject({ paidMonths: ['2025-01', '2025-02', '2025-03'], history: [{ months: 3 }] });
    expect(paymentHistory([a, twice], packs, EMPLOYEE).creditsByMonth.get('2025-02')).toBe(81_984);
    expect(paymentHistory([a, twice, correct(3, twice)], packs, EMPLOYEE).creditsByMonth.get('2025-02')).toBe(40_992);
  });

  it('drops what the caller excludes (refused by the centre), other schemes, and 补差 months; a 补差 still credits the account', () => {
    const a = pay(1);
    const refused = pay(2, { from: '2025-04', to: '2025-04' });
    const medical = pay(3, { from: '2025-05', to: '2025-05', scheme: 'employee_medical' });
    const topUp = pay(4, { kind: 'top_up', refId: a.id, from: '2025-01', to: '2025-01' });
    const h = paymentHistory([a, refused, medical, topUp], packs, { ...EMPLOYEE, excludeIds: new Set([refused.id]) });
    expect(h.paidMonths).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(h.history).toEqual([{ months: 3, baseFen: 512_400, averageWageFen: 854_000 }]);
    expect(h.creditsByMonth.get('2025-01')).toBe(40_992 + 40_992);
  });

  it('property: credits spread over a line\'s months add up to the line exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 5_000_000 }), (n, fen) => {
        const p = pay(1, { from: '2025-01', to: `2025-${String(n).padStart(2, '0')}` });
        const line = p.lines[0];
        if (!line) throw new Error('fixture has a line');
        const q = { ...p, lines: [{ ...line, personalAccountFen: fen, pooledFen: line.totalFen - fen }] };
        const credits = [...paymentHistory([q], packs, EMPLOYEE).creditsByMonth.values()];
        expect(credits).toHaveLength(n);
        expect(credits.reduce((s, c) => s + c, 0)).toBe(fen);
        expect(Math.max(...credits) - Math.min(...credits)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('account balance at the start of a year', () => {
  it('earlier credits earn each year\'s published rate (DOMAIN §6); later credits stay credits', () => {
    const credits = new Map([['2023-01', 120_000], ['2025-02', 5_000]]);
    const r = accountAtYearStart(credits, packs, TIANJIN, 2025, 1000);
    // 2023: 1200 × 3.97 % = 47.64 → 1247.64; 2024: 1247.64 × 2.62 % = 32.688… → 32.69 → 1280.33 yuan.
    expect(r).toEqual({ openingFen: 128_033, creditsFromYear: new Map([['2025-02', 5_000]]), assumedRateYears: [] });
  });

  it('a year no pack has a rate for yet is counted at the assumed rate and reported', () => {
    const r = accountAtYearStart(new Map([['2025-12', 120_000]]), packs, TIANJIN, 2027, 1000);
    // 2025 (assumed 10 %): December credit earns 1/12 → 10 yuan; 2026: 1210 × 10 % = 121 → 1331 yuan.
    expect(r).toMatchObject({ openingFen: 133_100, assumedRateYears: [2025, 2026] });
    expect(accountAtYearStart(new Map(), packs, TIANJIN, 2027, 1000)).toMatchObject({ openingFen: 0, assumedRateYears: [] });
  });
});

describe('plan parameters from the policy pack', () => {
  it('Tianjin 2025: average wage, 计发基数, rates, deemed index, female track and the back-pay rule come from the pack', () => {
    const r = planParamsFromPack(shippedPack('tianjin-2025.1.json'), { wageGrowthBp: 300, creditingRateBp: 250 });
    expect(r.missing).toEqual([]);
    expect(r.femaleTrack).toBe('female55');
    expect(r.params).toEqual({
      averageWageFen: 854_000, pensionBaseFen: 854_000, wageGrowthBp: 300, contributionRateBp: 2000, personalAccountRateBp: 800,
      creditingRateBp: 250, deemedIndexBp: 10_000, minBaseShareBp: 6000, maxBaseShareBp: 30_000,
      backPayment: { allowed: true, maxMonthsBack: null, sameYearOnly: true, interest: 'none', lateFee: false },
    });
  });

  it('a pack signed before issue 4 lacks the pension figures: defaults are used and named', () => {
    const { pensionBase: _a, deemedIndex: _b, femaleRetirementTrack: _c, ...old } = shippedPack('tianjin-2025.1.json');
    const r = planParamsFromPack(old, { wageGrowthBp: 0, creditingRateBp: 0 });
    expect(r.missing).toEqual(['pensionBase', 'deemedIndex', 'femaleRetirementTrack']);
    expect(r).toMatchObject({ femaleTrack: 'female55', params: { pensionBaseFen: 854_000, deemedIndexBp: 10_000 } });
  });

  it('every shipped pack carries the pension figures with a source', () => {
    for (const p of packs) {
      expect(p.pensionBase?.source.title).toBeTruthy();
      expect(p.deemedIndex?.source.title).toBeTruthy();
      expect(['female55', 'female50']).toContain(p.femaleRetirementTrack?.value);
    }
  });
});
