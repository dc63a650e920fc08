import { describe, expect, it } from 'vitest';
import { correctionOf, correctionProblem } from '../../../src/shared/corrections/correction-rules';
import { paymentSchema } from '../../../src/shared/payment';
import { correct, idOf, pay } from './correction-fixtures';

describe('correctionProblem', () => {
  const a = pay(1);
  const b = pay(2, { stationId: 'ST-XQ01' });

  it('is null for records that are not corrections, and for a valid reversal or refund', () => {
    expect(correctionProblem(a, [a])).toBeNull();
    expect(correctionProblem(correct(3, a, 'reversal'), [a])).toBeNull();
    expect(correctionProblem(correct(3, b, 'refund'), [a, b])).toBeNull();
  });

  it('needs the original, and only a contribution or 补差 can be corrected', () => {
    expect(correctionProblem(correct(3, a, 'reversal'), [])).toEqual({ code: 'payment.refNotFound', params: { refId: a.id } });
    const declaredConfirmation = pay(4, { kind: 'confirmation', refId: a.id });
    expect(correctionProblem(correct(5, declaredConfirmation, 'reversal'), [a, declaredConfirmation])?.code).toBe('payment.notCorrectable');
    const topUp = pay(6, { kind: 'top_up', refId: a.id });
    expect(correctionProblem(correct(7, topUp, 'reversal'), [a, topUp])).toBeNull();
  });

  it('must repeat the original exactly (person, months, lines, money)', () => {
    for (const patch of [
      { paidFen: a.paidFen - 1 },
      { totalFen: a.totalFen + 1 },
      { toMonth: '2025-02' },
      { scheme: 'employee_medical' as const },
      { lines: a.lines.map((l) => ({ ...l, baseFen: 600_000 })) },
    ]) {
      expect(correctionProblem(correct(3, a, 'reversal', patch), [a])?.code).toBe('payment.refMismatch');
    }
  });

  it('allows one correction per record', () => {
    const first = correct(3, a, 'reversal');
    expect(correctionProblem(correct(4, a, 'reversal'), [a, first])).toEqual({ code: 'payment.alreadyCorrected', params: { by: first.id } });
    // The same record again (a retried push) is not its own rival.
    expect(correctionProblem(first, [a, first])).toBeNull();
  });

  it('refunds only a record in an open double-coverage case', () => {
    expect(correctionProblem(correct(3, a, 'refund'), [a])?.code).toBe('payment.notDouble');
    const refundB = correct(3, b, 'refund');
    // Two stations refunding the two records of one case: the second finds it settled.
    expect(correctionProblem(correct(4, a, 'refund'), [a, b, refundB])?.code).toBe('payment.notDouble');
  });
});

describe('correctionOf', () => {
  const original = pay(1);
  it('builds a schema-valid record that the rules accept', () => {
    const r = correctionOf(original, {
      id: idOf(9), kind: 'reversal', reason: '收错险种', approvedBy: 'S-LI', method: 'cash', stationId: 'ST-HX01', deviceId: 'DEV-1',
      staffId: 'S-WANG', createdAt: '2025-02-01T00:00:00.000Z',
    });
    expect(paymentSchema.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ refId: idOf(1), receiptNo: null, paidFen: original.paidFen, lines: original.lines });
    expect(correctionProblem(r, [original])).toBeNull();
  });
});
