import { describe, expect, it } from 'vitest';
import { maskIdNumber, rateText, toPaymentInput, type PaymentFormValues } from '../../src/renderer/features/payments/payment-format';

const PID = `p${'a'.repeat(32)}`;
const form = (over: Partial<PaymentFormValues> = {}): PaymentFormValues => ({
  channel: 'window', scheme: 'employee_pension', fromMonth: '202504', toMonth: '2025/6', base: '5124', gradeId: '', method: 'cash', subsidyCategory: '', subsidyStart: '', approvedBy: '', ...over,
});

describe('payment form parsing', () => {
  it('reads months as clerks type them and the base in yuan', () => {
    expect(toPaymentInput(PID, form())).toEqual({
      ok: true,
      input: { personId: PID, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, gradeId: null, method: 'cash', channel: 'window', subsidy: null, approvedBy: null },
    });
    // The back-payment approver goes through as chosen (ADR 017).
    const approved = toPaymentInput(PID, form({ approvedBy: 'S-LI' }));
    expect(approved.ok && approved.input.approvedBy).toBe('S-LI');
    const single = toPaymentInput(PID, form({ toMonth: '' }));
    expect(single.ok && single.input.toMonth).toBe('2025-04');
  });

  it('names the field and code of what cannot be read', () => {
    expect(toPaymentInput(PID, form({ fromMonth: '2025-13' }))).toEqual({ ok: false, field: 'fromMonth', code: 'month.format' });
    expect(toPaymentInput(PID, form({ base: '' }))).toEqual({ ok: false, field: 'base', code: 'base.required' });
    expect(toPaymentInput(PID, form({ base: '5124.005' }))).toEqual({ ok: false, field: 'base', code: 'money.format' });
  });

  it('drops the method for a declaration and the base for residents’ schemes', () => {
    const declared = toPaymentInput(PID, form({ channel: 'declared' }));
    expect(declared.ok && declared.input.method).toBeNull();
    const residents = toPaymentInput(PID, form({ scheme: 'residents_pension', base: '', gradeId: '1200' }));
    expect(residents.ok && [residents.input.baseFen, residents.input.gradeId]).toEqual([null, '1200']);
  });

  it('reads the subsidy: category and start month (default: the first month paid), employee schemes only', () => {
    const sub = toPaymentInput(PID, form({ subsidyCategory: 'hard_to_employ' }));
    expect(sub.ok && sub.input.subsidy).toEqual({ category: 'hard_to_employ', startMonth: '2025-04' });
    const later = toPaymentInput(PID, form({ subsidyCategory: 'unemployed', subsidyStart: '2024/1' }));
    expect(later.ok && later.input.subsidy).toEqual({ category: 'unemployed', startMonth: '2024-01' });
    expect(toPaymentInput(PID, form({ subsidyCategory: 'unemployed', subsidyStart: '2024-00' }))).toEqual({ ok: false, field: 'subsidyStart', code: 'month.format' });
    const residents = toPaymentInput(PID, form({ scheme: 'residents_pension', base: '', gradeId: '1200', subsidyCategory: 'unemployed' }));
    expect(residents.ok && residents.input.subsidy).toBeNull();
  });

  it('masks the ID number and writes rates as per cent', () => {
    expect(maskIdNumber('120103199003071234')).toBe('120103********1234');
    expect(rateText({ num: 2000, den: 10000 })).toBe('20%');
    expect(rateText({ num: 2, den: 3 })).toBe('66.67%');
  });
});
