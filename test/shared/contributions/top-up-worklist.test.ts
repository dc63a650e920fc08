import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personTopUps, topUpLines, topUpWorklist, TOP_UP_MAX_LINES } from '../../../src/shared/contributions/top-up-worklist';
import { monthFromIndex, monthIndex } from '../../../src/shared/months';
import { paymentSchema, type Payment } from '../../../src/shared/payment';
import { shippedPacks, TIANJIN } from '../policy/packs';
import { contribution, correction, PERSON_A, PERSON_B, topUpRecord } from './payment-builders';

const all = shippedPacks().filter((p) => p.region.code === TIANJIN);
// What the device had in early 2025: the 2024 pack only (open-ended, so it also covers 2025 months).
const only2024 = all.filter((p) => p.version === '2024.1');

describe('补差 worklist over payment records (issue 3 §6, DOMAIN.md §4)', () => {
  it('lists the person who paid below the late pack\'s floor, months and amount, linked to the original', () => {
    const low = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const atFloor = contribution(PERSON_B, 'employee_pension', '2025-01', '2025-03', 512_400, all);
    expect(topUpWorklist([low, atFloor], only2024)).toEqual([]);

    const list = topUpWorklist([low, atFloor], all);
    expect(list.map((p) => [p.personId, p.months, p.totalFen])).toEqual([[PERSON_A, ['2025-01', '2025-02', '2025-03'], 6_660]]);
    const [owed] = list[0]!.topUps;
    expect(owed!.refId).toBe(low.id);
    // (5124 − 5013) × 20% = 22.20 a month, 8% of it (8.88) to the personal account: one line for the run of 3 months.
    expect(owed!.lines).toEqual([
      {
        packVersion: '2025.1', fromMonth: '2025-01', toMonth: '2025-03', months: 3, baseFen: 512_400, rate: { num: 2000, den: 10000 }, gradeId: null,
        totalFen: 6_660, personalAccountFen: 2_664, pooledFen: 3_996, subsidyFen: 0, personFen: 6_660, dueNowFen: 6_660, subsidyPayment: null,
      },
    ]);
    // The record a device writes from it is a valid top_up.
    expect(paymentSchema.safeParse(topUpRecord(owed!)).success).toBe(true);
  });

  it('one entry per original payment, each with its own months', () => {
    const q1 = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const q2 = contribution(PERSON_A, 'employee_pension', '2025-04', '2025-06', 505_000, only2024);
    const med = contribution(PERSON_A, 'employee_medical', '2025-01', '2025-01', 501_300, only2024);
    const owed = personTopUps([q1, q2, med], all);
    // Q2: (5124 − 5050) × 20% = 14.80; medical: 111.00 × 8.5% = 9.435 → 9.44.
    expect(owed.map((o) => [o.refId, o.scheme, o.items.map((i) => i.month), o.totalFen])).toEqual([
      [q1.id, 'employee_pension', ['2025-01', '2025-02', '2025-03'], 6_660],
      [q2.id, 'employee_pension', ['2025-04', '2025-05', '2025-06'], 4_440],
      [med.id, 'employee_medical', ['2025-01'], 944],
    ]);
    expect(topUpWorklist([q1, q2, med], all)[0]!.totalFen).toBe(6_660 + 4_440 + 944);
  });

  it('no double 补差: once the top_up is recorded nothing is owed; reversing the top_up makes it owed again', () => {
    const low = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const [owed] = personTopUps([low], all);
    const topUp = topUpRecord(owed!);
    expect(topUpWorklist([low, topUp], all)).toEqual([]);
    const reversal = correction('reversal', topUp);
    expect(topUpWorklist([low, topUp, reversal], all).map((p) => p.totalFen)).toEqual([6_660]);
  });

  it('reversed or refunded originals, and records the centre refused, owe nothing', () => {
    const low = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    expect(topUpWorklist([low, correction('reversal', low)], all)).toEqual([]);
    expect(topUpWorklist([low, correction('refund', low)], all)).toEqual([]);
    expect(topUpWorklist([low], all, new Set([low.id]))).toEqual([]);
  });

  it('a month paid twice (double coverage) is owed once, by the earlier record', () => {
    const first = contribution(PERSON_A, 'employee_pension', '2025-02', '2025-02', 501_300, only2024);
    const second = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const owed = personTopUps([second, first], all);
    expect(owed.map((o) => [o.refId, o.items.map((i) => i.month)])).toEqual([
      [first.id, ['2025-02']],
      [second.id, ['2025-01', '2025-03']],
    ]);
  });

  it('a month whose original is reversed but whose top_up stands owes nothing after a further pack (there is nothing to top up)', () => {
    const low = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-01', 501_300, only2024);
    const [owed] = personTopUps([low], all);
    const topUp = topUpRecord(owed!);
    const p2 = all.find((p) => p.version === '2025.1')!;
    const later = [...all, { ...p2, version: '2025.2', baseFloor: { ...p2.baseFloor, value: 530_000 } }];
    expect(personTopUps([low, topUp], later).map((o) => o.totalFen)).toEqual([3_520]);
    expect(topUpWorklist([low, topUp, correction('reversal', low)], later)).toEqual([]);
  });

  it('a second late pack owes only the rest, linked to the original again', () => {
    const low = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-01', 501_300, only2024);
    const [first] = personTopUps([low], all);
    const topUp = topUpRecord(first!);
    const p2 = all.find((p) => p.version === '2025.1')!;
    const later = [...all, { ...p2, version: '2025.2', baseFloor: { ...p2.baseFloor, value: 520_000 } }];
    const [second] = personTopUps([low, topUp], later);
    // (5200 − 5124) × 20% = 15.20, settled base read from the first top_up.
    expect([second!.refId, second!.totalFen, second!.items[0]!.paidBaseFen, second!.items[0]!.paidPackVersion]).toEqual([low.id, 1_520, 512_400, '2025.1']);
  });

  it('lines: runs of equal months merge, a gap or another figure starts a new line, sums kept', () => {
    const q = contribution(PERSON_A, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const [owed] = personTopUps([q], all);
    const items = owed!.items;
    const gap = topUpLines([items[0]!, items[2]!]);
    expect(gap.map((l) => [l.fromMonth, l.toMonth, l.months, l.totalFen])).toEqual([['2025-01', '2025-01', 1, 2_220], ['2025-03', '2025-03', 1, 2_220]]);
    expect(TOP_UP_MAX_LINES).toBe(24);
  });

  it('property: owed = Σ months below the new floor × round((floor − base) × 20%); after recording the top-ups nothing is owed', () => {
    fc.assert(
      fc.property(
        // Months of 2025 paid monthly or by calendar quarter, at any base the 2024 pack allowed (floor 5013).
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 11 }), quarter: fc.boolean(), base: fc.integer({ min: 501_300, max: 560_000 }) }), { minLength: 1, maxLength: 6 }),
        (specs) => {
          const taken = new Set<number>();
          const payments: Payment[] = [];
          let expected = 0;
          for (const s of specs) {
            const from = monthIndex('2025-01') + (s.quarter ? s.start - (s.start % 3) : s.start);
            const to = s.quarter ? from + 2 : from;
            const months = [];
            for (let i = from; i <= to; i++) if (!taken.has(i)) months.push(i);
            // Only months not paid yet: no double coverage in this property.
            if (months.length !== to - from + 1) continue;
            for (const i of months) taken.add(i);
            payments.push(contribution(PERSON_A, 'employee_pension', monthFromIndex(from), monthFromIndex(to), s.base, only2024));
            if (s.base < 512_400) expected += months.length * Math.round(((512_400 - s.base) * 2) / 10);
          }
          const owed = personTopUps(payments, all);
          expect(owed.reduce((sum, o) => sum + o.totalFen, 0)).toBe(expected);
          for (const o of owed) {
            expect(o.lines.reduce((sum, l) => sum + l.totalFen, 0)).toBe(o.totalFen);
            expect(o.lines.reduce((sum, l) => sum + l.personalAccountFen + l.pooledFen, 0)).toBe(o.totalFen);
          }
          expect(topUpWorklist([...payments, ...owed.map(topUpRecord)], all)).toEqual([]);
        },
      ),
    );
  });
});
