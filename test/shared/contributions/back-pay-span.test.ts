import { describe, expect, it } from 'vitest';
import { isBackPaySpan } from '../../../src/shared/contributions/back-pay-approval';

/** Which spans are back-payments (补缴, ADR 017): wholly before the current month, employee schemes. */
describe('isBackPaySpan', () => {
  it('is a back-payment when the last month is before the current month, even for an allowed period', () => {
    expect(isBackPaySpan('employee_pension', '2025-12', '2026-11')).toBe(true);
    expect(isBackPaySpan('employee_pension', '2026-10', '2026-11')).toBe(true);
    expect(isBackPaySpan('employee_medical', '2026-09', '2026-11')).toBe(true);
  });

  it('is regular when the span reaches the current month or lies ahead', () => {
    expect(isBackPaySpan('employee_pension', '2026-11', '2026-11')).toBe(false);
    expect(isBackPaySpan('employee_pension', '2026-12', '2026-11')).toBe(false);
    expect(isBackPaySpan('employee_medical', '2027-03', '2026-11')).toBe(false);
  });

  it('never applies to the residents\' yearly schemes (no back-payment rule in the calculator)', () => {
    expect(isBackPaySpan('residents_pension', '2025-12', '2026-11')).toBe(false);
    expect(isBackPaySpan('residents_medical', '2025-12', '2026-11')).toBe(false);
  });
});
