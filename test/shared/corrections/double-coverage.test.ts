import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctedState, correctionsByTarget } from '../../../src/shared/corrections/correction-effects';
import { findDoubleCoverage, openCases } from '../../../src/shared/corrections/double-coverage';
import { addMonths, monthList } from '../../../src/shared/months';
import type { Payment } from '../../../src/shared/payment';
import { SCHEMES, type Scheme } from '../../../src/shared/policy/schemes';
import { correct, idOf, pay, PERSON_A, PERSON_B } from './correction-fixtures';

describe('correction effects', () => {
  it('marks a contribution reversed or refunded by the record pointing at it, and ignores corrections of other kinds', () => {
    const a = pay(1);
    const b = pay(2, { from: '2025-04', to: '2025-06' });
    const void_ = pay(3, { kind: 'void_receipt', fromMonth: null, toMonth: null, lines: [], totalFen: 0, paidFen: 0 });
    const all = [a, b, void_, correct(4, a, 'reversal'), correct(5, b, 'refund'), correct(6, void_, 'reversal')];
    expect(correctedState(a.id, all)).toMatchObject({ state: 'reversed', by: { id: idOf(4) } });
    expect(correctedState(b.id, all)).toMatchObject({ state: 'refunded', by: { id: idOf(5) } });
    expect(correctedState(void_.id, all)).toBeNull();
    expect([...correctionsByTarget(all).keys()].sort()).toEqual([a.id, b.id].sort());
  });

  it('takes the earlier of two corrections of one record, whatever order they arrive in', () => {
    const a = pay(1);
    const first = correct(7, a, 'refund');
    const second = correct(8, a, 'reversal');
    expect(correctedState(a.id, [second, a, first])?.by.id).toBe(first.id);
    expect(correctedState(a.id, [a, first, second])?.by.id).toBe(first.id);
  });
});

describe('findDoubleCoverage', () => {
  it('finds the same scheme and month paid at two stations, with both records and the later one to refund', () => {
    const hx = pay(1, { from: '2025-01', to: '2025-03' });
    const xq = pay(2, { from: '2025-03', to: '2025-05', stationId: 'ST-XQ01', deviceId: 'DEV-9', receiptNo: 'XQ01-01-2025-000001' });
    const [c, ...rest] = findDoubleCoverage([xq, hx]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      id: `${hx.id}:${xq.id}`, personId: PERSON_A, kind: 'sameScheme', schemes: ['employee_pension'], months: ['2025-03'],
      settled: false, refundCandidateId: xq.id,
    });
    expect(c?.records.map((r) => [r.paymentId, r.stationId, r.deviceId, r.receiptNo])).toEqual([
      [hx.id, 'ST-HX01', 'DEV-1', hx.receiptNo],
      [xq.id, 'ST-XQ01', 'DEV-9', 'XQ01-01-2025-000001'],
    ]);
  });

  it('finds employee and residents pension for the same months, but not pension with medical', () => {
    const employee = pay(1, { from: '2025-01', to: '2025-12' });
    const residents = pay(2, { scheme: 'residents_pension', from: '2025-01', to: '2025-12' });
    const medical = pay(3, { scheme: 'employee_medical', from: '2025-01', to: '2025-12' });
    const cases = findDoubleCoverage([employee, residents, medical]);
    expect(cases.map((c) => [c.kind, c.schemes, c.months.length])).toEqual([['exclusiveSchemes', ['employee_pension', 'residents_pension'], 12]]);
  });

  it('counts a declaration awaiting confirmation, but never a 补差 that names its original', () => {
    const paid = pay(1);
    const declared = pay(2, { channel: 'declared', method: null, receiptNo: null });
    const topUp = pay(3, { kind: 'top_up', refId: paid.id });
    expect(findDoubleCoverage([paid, topUp])).toEqual([]);
    expect(findDoubleCoverage([paid, declared, topUp]).map((c) => c.id)).toEqual([`${paid.id}:${declared.id}`]);
  });

  it('keeps different persons apart', () => {
    expect(findDoubleCoverage([pay(1), pay(2, { personId: PERSON_B })])).toEqual([]);
  });

  it('shows a case as settled once either record is refunded or reversed, and keeps the other pairs of a triple open', () => {
    const a = pay(1);
    const b = pay(2);
    const c = pay(3);
    expect(openCases(findDoubleCoverage([a, b, c]))).toHaveLength(3);
    const refund = correct(4, c);
    const cases = findDoubleCoverage([a, b, c, refund]);
    expect(cases.map((x) => [x.id, x.settled])).toEqual([
      [`${a.id}:${b.id}`, false],
      [`${a.id}:${c.id}`, true],
      [`${b.id}:${c.id}`, true],
    ]);
    expect(cases[1]?.records[1].correction).toEqual({ state: 'refunded', paymentId: refund.id });
    expect(findDoubleCoverage([a, b, correct(5, a, 'reversal')]).every((x) => x.settled)).toBe(true);
  });
});

/** Random payments of two persons over 2025, some of them corrected. */
const paymentsArb = fc
  .array(
    fc.record({
      person: fc.constantFrom(PERSON_A, PERSON_B),
      scheme: fc.constantFrom<Scheme>(...SCHEMES),
      start: fc.integer({ min: 0, max: 11 }),
      length: fc.integer({ min: 1, max: 6 }),
      declared: fc.boolean(),
      corrected: fc.constantFrom<null | 'reversal' | 'refund'>(null, null, 'reversal', 'refund'),
    }),
    { maxLength: 12 },
  )
  .map((specs) => {
    const out: Payment[] = [];
    specs.forEach((s, i) => {
      const from = addMonths('2025-01', s.start);
      const p = pay(i + 1, {
        personId: s.person, scheme: s.scheme, from, to: addMonths(from, s.length - 1),
        ...(s.declared ? { channel: 'declared' as const, method: null, receiptNo: null } : {}),
      });
      out.push(p);
      if (s.corrected) out.push(correct(100 + i, p, s.corrected));
    });
    return out;
  });

const conflicting = (a: Scheme, b: Scheme): boolean => a === b || (a !== b && [a, b].every((s) => s === 'employee_pension' || s === 'residents_pension'));

describe('findDoubleCoverage properties', () => {
  it('finds every overlapping pair, month by month, and nothing else', () => {
    fc.assert(
      fc.property(paymentsArb, (payments) => {
        const contributions = payments.filter((p) => p.kind === 'contribution');
        const expected: string[] = [];
        for (const [i, a] of contributions.entries()) {
          for (const b of contributions.slice(i + 1)) {
            if (a.personId !== b.personId || !conflicting(a.scheme, b.scheme)) continue;
            const months = monthList(a.fromMonth!, a.toMonth!).filter((m) => monthList(b.fromMonth!, b.toMonth!).includes(m));
            if (months.length > 0) expected.push(`${a.id}:${b.id}=${months.join(',')}`);
          }
        }
        const found = findDoubleCoverage(payments).map((c) => `${c.id}=${c.months.join(',')}`);
        expect(found.sort()).toEqual(expected.sort());
      }),
    );
  });

  it('finds no case when no months overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 10 }), fc.constantFrom<Scheme>('employee_pension', 'residents_pension'), (lengths, other) => {
        // Back-to-back spans, alternating between the two pension schemes: touching, never overlapping.
        let from = '2024-01';
        const payments = lengths.map((len, i) => {
          const p = pay(i + 1, { scheme: i % 2 === 0 ? 'employee_pension' : other, from, to: addMonths(from, len - 1) });
          from = addMonths(from, len);
          return p;
        });
        expect(findDoubleCoverage(payments)).toEqual([]);
      }),
    );
  });

  it('a case is settled exactly when one of its records is corrected, and refunding every candidate leaves nothing open', () => {
    fc.assert(
      fc.property(paymentsArb, (payments) => {
        const corrected = correctionsByTarget(payments);
        const cases = findDoubleCoverage(payments);
        for (const c of cases) expect(c.settled).toBe(c.records.some((r) => corrected.has(r.paymentId)));
        expect(openCases(cases).every((c) => !c.settled)).toBe(true);
        const more = [...payments];
        let n = 1000;
        for (let open = openCases(findDoubleCoverage(more)); open.length > 0; open = openCases(findDoubleCoverage(more))) {
          const target = more.find((p) => p.id === open[0]!.refundCandidateId)!;
          more.push(correct(n++, target));
        }
        expect(openCases(findDoubleCoverage(more))).toEqual([]);
        // Settling never drops a case: the same pairs are there, now settled.
        expect(findDoubleCoverage(more).map((c) => c.id)).toEqual(cases.map((c) => c.id));
      }),
    );
  });
});
