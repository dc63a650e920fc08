import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDay, CLOSEOUT_KINDS, paymentsByDay, paymentsOfDay } from '../../src/shared/closeout/closeout-days';
import { closeoutTotals, compareReceipts } from '../../src/shared/closeout/closeout-totals';
import type { Payment } from '../../src/shared/payment';
import { closeoutRecordSchema, type CloseoutRecord } from '../../src/shared/records';
import { makeCloseout, SCOPE, specArb, withIds } from './closeout-fixtures';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const takes = (p: Payment): boolean => (p.kind === 'contribution' || p.kind === 'top_up') && p.channel === 'window';
const returns = (p: Payment): boolean => (p.kind === 'reversal' || p.kind === 'refund') && p.method !== null;
const inScope = (p: Payment): boolean => p.stationId === SCOPE.stationId && p.staffId === SCOPE.staffId && CLOSEOUT_KINDS.has(p.kind);

describe('close-out properties', () => {
  it('totals equal the sums of the records (overall, per method, per scheme)', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 40 }), (specs) => {
        const records = withIds(specs, 1);
        const t = closeoutTotals(records);
        expect(t.takenFen).toBe(sum(records.filter(takes).map((p) => p.paidFen)));
        expect(t.returnedFen).toBe(sum(records.filter(returns).map((p) => p.paidFen)));
        expect(sum(t.byMethod.map((r) => r.takenFen))).toBe(t.takenFen);
        expect(sum(t.byScheme.map((r) => r.takenFen))).toBe(t.takenFen);
        expect(sum(t.byMethod.map((r) => r.returnedFen))).toBe(t.returnedFen);
        expect(sum(t.byScheme.map((r) => r.returnedFen))).toBe(t.returnedFen);
        for (const r of t.byMethod) {
          const mine = records.filter((p) => (takes(p) || returns(p)) && p.method === r.method);
          expect(r).toEqual({ method: r.method, count: mine.length, takenFen: sum(mine.filter(takes).map((p) => p.paidFen)), returnedFen: sum(mine.filter(returns).map((p) => p.paidFen)) });
        }
        for (const r of t.byScheme) {
          const mine = records.filter((p) => (takes(p) || returns(p)) && p.scheme === r.scheme);
          expect(r.count).toBe(mine.length);
          expect(r.takenFen).toBe(sum(mine.filter(takes).map((p) => p.paidFen)));
        }
        expect(sum(t.byMethod.map((r) => r.count))).toBe(records.filter((p) => takes(p) || returns(p)).length);
        const declared = records.filter((p) => (p.kind === 'contribution' || p.kind === 'top_up') && p.channel === 'declared');
        expect([t.declaredCount, t.declaredFen]).toEqual([declared.length, sum(declared.map((p) => p.paidFen))]);
        expect([...t.voidedReceipts].sort()).toEqual(records.filter((p) => p.kind === 'void_receipt').map((p) => p.receiptNo).sort());
        expect(t.reversalIds).toEqual(records.filter((p) => p.kind === 'reversal').map((p) => p.id));
        expect(t.refundIds).toEqual(records.filter((p) => p.kind === 'refund').map((p) => p.id));
        const numbers = records.filter((p) => p.kind !== 'confirmation' && p.receiptNo !== null).map((p) => p.receiptNo ?? '').sort(compareReceipts);
        expect([t.receiptFrom, t.receiptTo]).toEqual([numbers[0] ?? null, numbers[numbers.length - 1] ?? null]);
        expect(() => closeoutRecordSchema.parse(makeCloseout(1, '2025-03-01', [], t))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('every counted record of the scope falls on exactly one day, never before its own date', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 20 }), fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }), (specs, listedIdx, closedOffsets) => {
        const records = withIds(specs, 1);
        // Close some days, listing arbitrary in-scope records created on or before them (as a device would have).
        const closeouts = closedOffsets.map((o, i) => {
          const day = `2025-0${o < 2 ? '2' : '3'}-${o < 2 ? String(27 + o) : `0${String(o - 1)}`}`;
          const listed = listedIdx.map((k) => records[k]).filter((p): p is Payment => p !== undefined && inScope(p) && chinaDay(p.createdAt) <= day);
          return makeCloseout(i, day, listed.map((p) => p.id), closeoutTotals(listed));
        });
        const byDay = paymentsByDay(records, closeouts, SCOPE);
        const placed = [...byDay.values()].flat();
        expect(placed.map((p) => p.id).sort()).toEqual(records.filter(inScope).map((p) => p.id).sort());
        for (const [day, list] of byDay) for (const p of list) expect(day >= chinaDay(p.createdAt) || closeouts.some((c) => c.day === day && c.paymentIds.includes(p.id))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a closed day's set never changes when later records arrive, and a later record never lands on a closed day", () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 30 }), fc.array(fc.array(specArb, { maxLength: 10 }), { minLength: 1, maxLength: 4 }), (first, waves) => {
        let records = withIds(first, 1);
        const closeouts: CloseoutRecord[] = [];
        const frozen = new Map<string, string[]>();
        let next = 1 + first.length;
        for (const wave of waves) {
          // Close the earliest open day that has records, as a clerk would at the end of it.
          const byDay = paymentsByDay(records, closeouts, SCOPE);
          const open = [...byDay.keys()].filter((d) => !frozen.has(d)).sort()[0];
          if (open !== undefined) {
            const list = byDay.get(open) ?? [];
            closeouts.push(makeCloseout(closeouts.length, open, list.map((p) => p.id), closeoutTotals(list)));
            frozen.set(open, list.map((p) => p.id));
          }
          const arriving = withIds(wave, next);
          next += wave.length;
          records = [...records, ...arriving];
          for (const [day, ids] of frozen) expect(paymentsOfDay(records, closeouts, SCOPE, day).map((p) => p.id)).toEqual(ids);
          const after = paymentsByDay(records, closeouts, SCOPE);
          for (const p of arriving.filter(inScope)) {
            const day = [...after].find(([, list]) => list.includes(p))?.[0];
            expect(day !== undefined && !frozen.has(day)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
