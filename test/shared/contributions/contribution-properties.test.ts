import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateContribution } from '../../../src/shared/contributions/contribution-calc';
import type { ContributionLine, ContributionRequest } from '../../../src/shared/contributions/contribution-types';
import { exactProduct } from '../../../src/shared/money/fen';
import { addMonths, monthFromIndex, monthIndex, monthList } from '../../../src/shared/months';
import { packForMonth } from '../../../src/shared/policy/pack-lookup';
import type { PolicyPack } from '../../../src/shared/policy/pack-schema';
import { shippedPacks, TIANJIN } from '../policy/packs';

// Tianjin 2024 + 2025 with back-payment open (any past months, any year), so
// any span can be computed as one payment and split anywhere: the property
// is about amounts, not about which spans the frequency rule allows.
const packs: PolicyPack[] = shippedPacks()
  .filter((p) => p.region.code === TIANJIN)
  .map((p) => ({ ...p, backPayment: { ...p.backPayment, value: { ...p.backPayment.value, sameYearOnly: false, maxMonthsBack: null } } }));
const FLOOR = 512_400; // the higher floor (2025)
const CEILING = 2_506_500; // the lower ceiling (2024)
const NOW = { currentMonth: '2030-01' };

const arbSpan = fc
  .tuple(fc.integer({ min: monthIndex('2024-01'), max: monthIndex('2025-12') }), fc.integer({ min: 0, max: 23 }))
  .map(([a, len]) => {
    const from = monthFromIndex(a);
    const to = monthFromIndex(Math.min(a + len, monthIndex('2025-12')));
    return { from, to };
  });
const arbScheme = fc.constantFrom('employee_pension' as const, 'employee_medical' as const);
const arbBase = fc.integer({ min: FLOOR, max: CEILING });
const arbSubsidy = fc.option(fc.record({ category: fc.constant('hard_to_employ' as const), startMonth: fc.integer({ min: monthIndex('2022-06'), max: monthIndex('2025-12') }).map(monthFromIndex) }), { nil: undefined });

function lines(req: ContributionRequest): readonly ContributionLine[] {
  const r = calculateContribution(req, packs);
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.params)}`);
  return r.value.lines;
}
const total = (ls: readonly ContributionLine[]) => ls.reduce((s, l) => s + l.totalFen, 0);

describe('contribution amounts: properties', () => {
  it('parts add up exactly per line; all amounts are non-negative integers; lines cover the span in order', () => {
    fc.assert(
      fc.property(arbSpan, arbScheme, arbBase, arbSubsidy, ({ from, to }, scheme, baseFen, subsidy) => {
        const ls = lines({ scheme, regionCode: TIANJIN, fromMonth: from, toMonth: to, baseFen, subsidy, backPayment: NOW });
        expect(ls.flatMap((l) => monthList(l.fromMonth, l.toMonth))).toEqual(monthList(from, to));
        for (const l of ls) {
          for (const v of [l.totalFen, l.personalAccountFen, l.pooledFen, l.subsidyFen, l.personFen, l.dueNowFen]) {
            expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          }
          expect(l.personalAccountFen + l.pooledFen).toBe(l.totalFen);
          expect(l.subsidyFen + l.personFen).toBe(l.totalFen);
          expect(l.months).toBe(monthList(l.fromMonth, l.toMonth).length);
        }
      }),
    );
  });

  it('documented rounding rule: the sum of line totals is within ½ fen per line of the exact amount', () => {
    fc.assert(
      fc.property(arbSpan, arbScheme, arbBase, ({ from, to }, scheme, baseFen) => {
        const ls = lines({ scheme, regionCode: TIANJIN, fromMonth: from, toMonth: to, baseFen, backPayment: NOW });
        // Exact amount: Σ over months of base × the rate of the pack in force, in units of 1/(2·den) fen.
        const exact = monthList(from, to).map((m) => {
          const p = packForMonth(packs, TIANJIN, m)!;
          return exactProduct(baseFen, scheme === 'employee_pension' ? p.employeePension.value.rate : (p.flexibleMedical.value as { rate: { num: number; den: number } }).rate);
        });
        const num = exact.reduce((s, e) => s + e.num, 0n);
        const den = exact[0]!.den;
        const diffTimes2Den = (BigInt(total(ls)) * den - num) * 2n;
        const bound = BigInt(ls.length) * den;
        expect(diffTimes2Den >= -bound && diffTimes2Den <= bound).toBe(true);
      }),
    );
  });

  it('splitting a span anywhere gives the same total as month by month when base × rate is whole fen (whole-yuan base, 20%)', () => {
    fc.assert(
      fc.property(arbSpan, fc.integer({ min: FLOOR / 100, max: CEILING / 100 }), fc.nat(), ({ from, to }, yuanBase, cut) => {
        const baseFen = yuanBase * 100;
        const req = { scheme: 'employee_pension' as const, regionCode: TIANJIN, baseFen, backPayment: NOW };
        const whole = total(lines({ ...req, fromMonth: from, toMonth: to }));
        const perMonth = monthList(from, to).reduce((s, m) => s + total(lines({ ...req, fromMonth: m, toMonth: m })), 0);
        expect(whole).toBe(perMonth);
        const months = monthList(from, to);
        const k = cut % months.length;
        if (k > 0) {
          const split = total(lines({ ...req, fromMonth: from, toMonth: addMonths(from, k - 1) })) + total(lines({ ...req, fromMonth: addMonths(from, k), toMonth: to }));
          expect(split).toBe(whole);
        }
      }),
    );
  });

  it('rounding can differ with a fractional-fen rate (8.5%): a line rounds once, so months paid apart differ by < ½ fen each', () => {
    // 5013.00 × 8.5% = 426.105: one month → 426.11; three months in one line → 1278.315 → 1278.32 (not 1278.33).
    const req = { scheme: 'employee_medical' as const, regionCode: TIANJIN, baseFen: 501_300, backPayment: NOW };
    const quarter = total(lines({ ...req, fromMonth: '2024-01', toMonth: '2024-03' }));
    const monthly = ['2024-01', '2024-02', '2024-03'].reduce((s, m) => s + total(lines({ ...req, fromMonth: m, toMonth: m })), 0);
    expect([quarter, monthly]).toEqual([127_832, 127_833]);
  });

  it('base at the floor and at the ceiling is accepted, floor − 1 fen and ceiling + 1 fen are refused, in every month', () => {
    fc.assert(
      fc.property(fc.integer({ min: monthIndex('2024-01'), max: monthIndex('2026-12') }).map(monthFromIndex), arbScheme, (m, scheme) => {
        const p = packForMonth(packs, TIANJIN, m)!;
        const req = (baseFen: number) => calculateContribution({ scheme, regionCode: TIANJIN, fromMonth: m, toMonth: m, baseFen }, packs);
        expect(req(p.baseFloor.value).ok).toBe(true);
        expect(req(p.baseCeiling.value).ok).toBe(true);
        expect(req(p.baseFloor.value - 1)).toMatchObject({ ok: false, code: 'base.belowFloor', params: { floor: p.baseFloor.value } });
        expect(req(p.baseCeiling.value + 1)).toMatchObject({ ok: false, code: 'base.aboveCeiling', params: { ceiling: p.baseCeiling.value } });
      }),
    );
  });
});
