import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payment } from '../../src/shared/payment';
import type { ApiError, EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, push, type Fixture } from './helpers/fixture';
import { approvedBackPay, lease, makeContribution, rowsOf, YEAR } from './helpers/payments';

/** Two past months of 2025 taken in June 2025: no payment period, so a back-payment (补缴) under Tianjin's same-year rule. */
const BACK_PAY = { fromMonth: '2025-02', toMonth: '2025-03', backPayment: { currentMonth: '2025-06' } } as const;
const TAKEN_IN_JUNE = { createdAt: '2025-06-10T02:00:00.000Z' } as const;

/** The centre's check of a back-payment's approval (issue 4 §3, ADR 017): a reviewer of the pushing station other than the clerk. */
describe.each(DB_VARIANTS)('back-payment approval at the centre on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let xq: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window 1');
    xq = await enrol(f.app, 'XQ01', 'other station');
    expect((await lease(f.app, hx.token, { year: YEAR, remaining: 0 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await f.close();
  });

  const count = async (id: string): Promise<number> =>
    (await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'payments' AND id = $1", [id]))[0]?.n ?? 0;
  const refusal = async (p: Payment): Promise<{ status: number; error: ApiError['error'] }> => {
    const res = await push(f.app, hx.token, 'payments', rowsOf(p));
    return { status: res.statusCode, error: (JSON.parse(res.body) as ApiError).error };
  };

  it('refuses a back-payment without an approver, by the clerk themself, by a non-reviewer or another station\'s reviewer; stores nothing', async () => {
    const { staffId, approvedBy } = approvedBackPay(hx);
    const clerkOnly = hx.staff.filter((s) => !s.reviewer).map((s) => s.id);
    const otherReviewer = xq.staff.find((s) => s.reviewer)?.id;
    if (!otherReviewer || clerkOnly.length < 2) throw new Error('demo seed changed');
    const cases: Array<[Partial<Payment>, string]> = [
      [{ staffId, approvedBy: null }, 'payment.backPayApproval'],
      [{ staffId: approvedBy, approvedBy }, 'payment.backPaySelfApproval'],
      [{ staffId, approvedBy: clerkOnly[1] ?? '' }, 'payment.backPayApproverNotReviewer'],
      [{ staffId, approvedBy: otherReviewer }, 'payment.backPayApproverNotReviewer'],
    ];
    for (const [i, [patch, why]] of cases.entries()) {
      const p = makeContribution(hx, 40 + i, BACK_PAY, { ...TAKEN_IN_JUNE, ...patch });
      const r = await refusal(p);
      expect(r.status).toBe(422);
      expect(r.error).toMatchObject({ code: 'payment.backPayApproval', details: [{ row: 0, field: 'newDocumentState.approvedBy', params: { why } }] });
      expect(await count(p.id)).toBe(0);
    }
  });

  it('stores a back-payment approved by the station\'s reviewer, and takes its retry as a no-op', async () => {
    const p = makeContribution(hx, 50, BACK_PAY, { ...TAKEN_IN_JUNE, ...approvedBackPay(hx) });
    for (let i = 0; i < 2; i++) {
      const res = await push(f.app, hx.token, 'payments', rowsOf(p));
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await count(p.id)).toBe(1);
  });

  it('asks no approval of a regular period', async () => {
    const p = makeContribution(hx, 51, { fromMonth: '2025-04', toMonth: '2025-06' }, { createdAt: '2025-05-10T02:00:00.000Z' });
    expect(p.approvedBy).toBeNull();
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
  });
});
