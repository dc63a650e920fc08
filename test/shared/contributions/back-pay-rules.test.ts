import { describe, expect, it } from 'vitest';
import { backPayApprovalProblem } from '../../../src/shared/contributions/back-pay-approval';
import { calculateContribution } from '../../../src/shared/contributions/contribution-calc';
import type { PolicyPack } from '../../../src/shared/policy/pack-schema';
import { shippedPacks, TIANJIN } from '../policy/packs';

const packs = shippedPacks();
const req = { scheme: 'employee_pension', regionCode: TIANJIN, fromMonth: '2025-02', toMonth: '2025-03', baseFen: 600_000, backPayment: { currentMonth: '2025-06' } } as const;
const withRule = (patch: Partial<PolicyPack['backPayment']['value']>): PolicyPack[] =>
  packs.map((p) => (p.region.code === TIANJIN ? { ...p, backPayment: { ...p.backPayment, value: { ...p.backPayment.value, ...patch } } } : p));

describe('back-payment charges (ADR 017)', () => {
  it('computes a back-payment where the pack charges neither interest nor a late fee (all shipped packs)', () => {
    expect(calculateContribution(req, packs).ok).toBe(true);
  });

  it('refuses rather than under-charge when the pack asks for interest or a late fee, naming the pack', () => {
    for (const rule of [{ interest: 'account_rate' as const }, { lateFeePerDay: { num: 5, den: 10_000 } }]) {
      expect(calculateContribution(req, withRule(rule))).toEqual({ ok: false, code: 'backPay.chargeUnsupported', params: { packVersion: '2025.1' } });
    }
  });

  it('still says first when back-payment is not allowed at all', () => {
    expect(calculateContribution(req, withRule({ allowed: false, interest: 'account_rate' }))).toMatchObject({ ok: false, code: 'backPay.notAllowed' });
  });
});

describe('back-payment approval rule', () => {
  const reviewers = new Set(['R1', 'R2']);
  it('wants a reviewer of the station other than the clerk', () => {
    expect(backPayApprovalProblem('R2', 'R1', reviewers)).toBeNull();
    expect(backPayApprovalProblem('R1', 'C1', reviewers)).toBeNull();
    expect([null, undefined, ''].map((a) => backPayApprovalProblem(a, 'C1', reviewers))).toEqual(Array(3).fill('payment.backPayApproval'));
    expect(backPayApprovalProblem('R1', 'R1', reviewers)).toBe('payment.backPaySelfApproval');
    expect(backPayApprovalProblem('C2', 'C1', reviewers)).toBe('payment.backPayApproverNotReviewer');
  });
});
