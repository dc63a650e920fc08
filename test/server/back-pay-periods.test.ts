import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payment } from '../../src/shared/payment';
import type { ApiError, EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, push, type Fixture } from './helpers/fixture';
import { approvedBackPay, lease, makeContribution, rowsOf, YEAR } from './helpers/payments';

/** Taken on 2025-04-10 (China time): every month up to 2025-03 is past. */
const IN_APRIL = { createdAt: '2025-04-10T02:00:00.000Z' } as const;
/** Taken on 2025-05-10: April is past, but the second quarter is not over. */
const IN_MAY = { createdAt: '2025-05-10T02:00:00.000Z' } as const;

/**
 * The centre judges a span wholly before the month it was taken as a
 * back-payment (补缴) even when it is also an allowed period (issue 4 §3,
 * ADR 017), as the device does: under the pack's backPayment rule and with a
 * reviewer's approval.
 */
describe.each(DB_VARIANTS)('past allowed periods at the centre on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window 1');
    expect((await lease(f.app, hx.token, { year: YEAR, remaining: 0 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await f.close();
  });

  const count = async (id: string): Promise<number> =>
    (await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'payments' AND id = $1", [id]))[0]?.n ?? 0;
  const send = async (p: Payment): Promise<{ status: number; error: ApiError['error'] | undefined }> => {
    const res = await push(f.app, hx.token, 'payments', rowsOf(p));
    return { status: res.statusCode, error: res.statusCode === 200 ? undefined : (JSON.parse(res.body) as ApiError).error };
  };

  const spans: Array<[string, { fromMonth: string; toMonth: string }, number | null]> = [
    ['a past single month', { fromMonth: '2025-03', toMonth: '2025-03' }, 60],
    ['a past calendar quarter', { fromMonth: '2025-01', toMonth: '2025-03' }, 62],
    ['a declaration of a past month', { fromMonth: '2025-02', toMonth: '2025-02' }, null],
  ];
  it.each(spans)('%s needs a reviewer\'s approval, and is stored with it', async (_name, span, serial) => {
    const bare = makeContribution(hx, serial, span, IN_APRIL);
    const refused = await send(bare);
    expect(refused.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'payment.backPayApproval', details: [{ row: 0, field: 'newDocumentState.approvedBy', params: { why: 'payment.backPayApproval' } }] });
    expect(await count(bare.id)).toBe(0);
    const approved = makeContribution(hx, serial === null ? null : serial + 1, span, { ...IN_APRIL, ...approvedBackPay(hx) });
    expect(await send(approved)).toEqual({ status: 200, error: undefined });
    expect(await count(approved.id)).toBe(1);
  });

  it('refuses a past period outside the pack\'s window with the rule named, even approved', async () => {
    // Tianjin allows back-payment within the current year only.
    for (const [i, span] of [{ fromMonth: '2024-12', toMonth: '2024-12' }, { fromMonth: '2024-10', toMonth: '2024-12' }].entries()) {
      const p = makeContribution(hx, 70 + i, span, { ...IN_APRIL, ...approvedBackPay(hx) });
      const r = await send(p);
      expect(r.status).toBe(422);
      expect(r.error).toMatchObject({ code: 'backPay.tooOld', details: [{ row: 0, params: { month: span.fromMonth } }] });
      expect(await count(p.id)).toBe(0);
    }
  });

  it('takes the current quarter, with a past month of it, as a regular payment without approval', async () => {
    const p = makeContribution(hx, 80, { fromMonth: '2025-04', toMonth: '2025-06' }, IN_MAY);
    expect(p.approvedBy).toBeNull();
    expect(await send(p)).toEqual({ status: 200, error: undefined });
    expect(await count(p.id)).toBe(1);
  });
});
