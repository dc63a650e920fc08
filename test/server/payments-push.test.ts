import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payment } from '../../src/shared/payment';
import type { ApiError, EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, pullAll, push, type Fixture } from './helpers/fixture';
import { approvedBackPay, lease, makeContribution, receiptNo, rowsOf, TIANJIN_PACKS, YEAR } from './helpers/payments';

describe.each(DB_VARIANTS)('payments push on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let hx2: EnrolResponse;
  let xq: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window 1');
    hx2 = await enrol(f.app, 'HX01', 'window 2');
    xq = await enrol(f.app, 'XQ01', 'other station');
    for (const d of [hx, hx2, xq]) {
      const r = await lease(f.app, d.token, { year: YEAR, remaining: 0 });
      expect(r.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await f.close();
  });

  const stored = async (id: string): Promise<{ data: Payment; xid: string; seq: string } | undefined> =>
    (await f.db.query<{ data: Payment; xid: string; seq: string }>("SELECT data, xid::text AS xid, seq::text AS seq FROM docs WHERE collection = 'payments' AND id = $1", [id]))[0];
  const paymentCount = async (): Promise<number> =>
    (await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'payments'"))[0]?.n ?? 0;
  const errorOf = (body: string): ApiError['error'] => (JSON.parse(body) as ApiError).error;

  it('stores a payment once when the same push is retried, and leaves its position unchanged', async () => {
    const p = makeContribution(hx, 1);
    const first = await push(f.app, hx.token, 'payments', rowsOf(p));
    expect(first.statusCode).toBe(200);
    expect(first.json<PushResponse<Payment>>()).toEqual({ conflicts: [] });
    const at = await stored(p.id);
    expect(at?.data).toEqual(p);
    const before = await paymentCount();
    const again = await push(f.app, hx.token, 'payments', rowsOf(p));
    expect(again.statusCode).toBe(200);
    expect(again.json<PushResponse<Payment>>()).toEqual({ conflicts: [] });
    const after = await stored(p.id);
    expect({ xid: after?.xid, seq: after?.seq }).toEqual({ xid: at?.xid, seq: at?.seq });
    expect(await paymentCount()).toBe(before);
  });

  it('never overwrites a payment: same id with other content is returned in conflicts and logged', async () => {
    const p = makeContribution(hx, 2);
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    const altered: Payment = { ...p, method: 'mobile', createdAt: '2025-01-16T02:00:00.000Z' };
    const res = await push(f.app, hx.token, 'payments', rowsOf(altered));
    expect(res.statusCode).toBe(200);
    expect(res.json<PushResponse<Payment>>().conflicts).toEqual([p]);
    expect((await stored(p.id))?.data).toEqual(p);
    const log = await f.db.query<{ device_id: string; reason: string; payload: Payment }>(
      "SELECT device_id, reason, payload FROM push_rejections WHERE collection = 'payments' AND doc_id = $1",
      [p.id],
    );
    expect(log).toEqual([{ device_id: hx.deviceId, reason: 'payment.idConflict', payload: altered }]);
  });

  it('refuses an invalid payment with row and field, and stores nothing of the batch', async () => {
    const good = makeContribution(hx, 3);
    const bad = { ...makeContribution(hx, 4), totalFen: 1 };
    const before = await paymentCount();
    const res = await push(f.app, hx.token, 'payments', rowsOf(good, bad));
    expect(res.statusCode).toBe(422);
    const e = errorOf(res.body);
    expect(e.code).toBe('payment.invalid');
    expect(e.details).toContainEqual({ row: 1, field: 'newDocumentState.totalFen', message: 'payment.total' });
    expect(await paymentCount()).toBe(before);
    expect(await stored(good.id)).toBeUndefined();
  });

  it('recomputes the amounts and refuses lines that differ from the pack (expected vs got)', async () => {
    const p = makeContribution(hx, 5);
    const [l] = p.lines;
    if (!l) throw new Error('no line');
    // Consistent in itself (every sum adds up), but one fen more than the pack says.
    const line = { ...l, totalFen: l.totalFen + 1, pooledFen: l.pooledFen + 1, personFen: l.personFen + 1, dueNowFen: l.dueNowFen + 1 };
    const wrong: Payment = { ...p, lines: [line], totalFen: p.totalFen + 1, paidFen: p.paidFen + 1 };
    const res = await push(f.app, hx.token, 'payments', rowsOf(wrong));
    expect(res.statusCode).toBe(422);
    const e = errorOf(res.body);
    expect(e.code).toBe('payment.amountMismatch');
    expect(e.details).toEqual([{ row: 0, field: 'newDocumentState.lines', message: 'payment.amountMismatch', expected: p.lines, got: wrong.lines }]);
    expect(await stored(p.id)).toBeUndefined();
  });

  it('refuses a base below the floor of the pack in force, naming base.belowFloor', async () => {
    const p = makeContribution(hx, 6);
    const below: Payment = { ...p, lines: p.lines.map((l) => ({ ...l, baseFen: 400_000 })) };
    const res = await push(f.app, hx.token, 'payments', rowsOf(below));
    expect(res.statusCode).toBe(422);
    const e = errorOf(res.body);
    expect(e.code).toBe('base.belowFloor');
    expect(e.details).toMatchObject([{ row: 0, message: 'base.belowFloor', params: { floor: 512_400, packVersion: '2025.1' } }]);
    expect(await stored(p.id)).toBeUndefined();
  });

  it('accepts a payment computed offline with an older pack: it names the version it used', async () => {
    const old = TIANJIN_PACKS.filter((k) => k.version === '2024.1');
    const p = makeContribution(hx, 7, {}, {}, old);
    expect(p.lines.map((l) => l.packVersion)).toEqual(['2024.1']);
    const res = await push(f.app, hx.token, 'payments', rowsOf(p));
    expect(res.statusCode).toBe(200);
    expect((await stored(p.id))?.data).toEqual(p);
  });

  it('accepts what the device computes for subsidies ending mid-span, residents\' grades and groups, and back-payments', async () => {
    const cases: Payment[] = [
      // Subsidy window 2022-04…2025-03 ends inside a half-year: two lines, subsidised then not.
      makeContribution(hx, 20, { fromMonth: '2025-01', toMonth: '2025-06', subsidy: { category: 'hard_to_employ', startMonth: '2022-04' } }),
      // Window starting inside the span.
      makeContribution(hx, 21, { fromMonth: '2025-01', toMonth: '2025-06', subsidy: { category: 'hard_to_employ', startMonth: '2025-03' } }),
      makeContribution(hx, 22, { scheme: 'employee_medical', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 700_000 }),
      makeContribution(hx, 23, { scheme: 'residents_pension', fromMonth: '2025-01', toMonth: '2025-12', gradeId: '900' }),
      makeContribution(hx, 24, { scheme: 'residents_medical', fromMonth: '2025-01', toMonth: '2025-12', medicalGroupId: 'student_child' }),
      // Two past months (no allowed frequency): a back-payment, judged from the month it was taken.
      // Taken by a clerk and approved by the station's reviewer (ADR 017; test/server/back-pay-approval.test.ts).
      makeContribution(hx, 25, { fromMonth: '2025-02', toMonth: '2025-03', backPayment: { currentMonth: '2025-06' } }, { createdAt: '2025-06-10T02:00:00.000Z', ...approvedBackPay(hx) }),
    ];
    expect(cases[0]?.lines.map((l) => l.subsidyFen > 0)).toEqual([true, false]);
    expect(cases[1]?.lines.map((l) => l.subsidyFen > 0)).toEqual([false, true]);
    const res = await push(f.app, hx.token, 'payments', rowsOf(...cases));
    expect(res.statusCode, res.body).toBe(200);
    for (const p of cases) expect((await stored(p.id))?.data).toEqual(p);
    // A subsidy the pack does not give (window moved by a month) is refused.
    const moved = makeContribution(hx, 26, { fromMonth: '2025-01', toMonth: '2025-06', subsidy: { category: 'hard_to_employ', startMonth: '2025-03' } });
    const [l0, l1] = moved.lines;
    if (!l0 || !l1) throw new Error('two lines expected');
    const shifted = { ...moved, lines: [{ ...l0, toMonth: '2025-01', months: 1 }, { ...l1, fromMonth: '2025-02', months: 5 }] };
    expect(errorOf((await push(f.app, hx.token, 'payments', rowsOf(shifted))).body).code).toBe('payment.amountMismatch');
  });

  it('checks a 补差 line against the pack it settles: its floor as base, its rate, no more than a full month', async () => {
    const original = makeContribution(hx, 30);
    const floor = 512_400;
    const line = {
      packVersion: '2025.1', fromMonth: '2025-01', toMonth: '2025-01', months: 1, baseFen: floor, rate: { num: 2000, den: 10000 }, gradeId: null,
      totalFen: 2480, personalAccountFen: 992, pooledFen: 1488, subsidyFen: 0, personFen: 2480, dueNowFen: 2480, subsidyPayment: null,
    } as const;
    const topUp: Payment = { ...makeContribution(hx, 31), kind: 'top_up', refId: original.id, fromMonth: '2025-01', toMonth: '2025-01', lines: [line], totalFen: 2480, paidFen: 2480 };
    expect((await push(f.app, hx.token, 'payments', rowsOf(original, topUp))).statusCode).toBe(200);
    const wrongBase: Payment = { ...topUp, id: makeContribution(hx, 32).id, receiptNo: receiptNo(hx, 32), lines: [{ ...line, baseFen: floor - 100 }] };
    const res = await push(f.app, hx.token, 'payments', rowsOf(wrongBase));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res.body)).toMatchObject({ code: 'payment.amountMismatch', details: [{ row: 0, params: { why: 'base' } }] });
  });

  it('accepts a declaration without a receipt number', async () => {
    const p = makeContribution(hx, null);
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    expect((await stored(p.id))?.data.channel).toBe('declared');
  });

  it('refuses receipt numbers outside the leased blocks, of another device, or used before', async () => {
    const notLeased = makeContribution(hx, 9999);
    const r1 = await push(f.app, hx.token, 'payments', rowsOf(notLeased));
    expect(r1.statusCode).toBe(422);
    expect(errorOf(r1.body)).toMatchObject({ code: 'receipt.notLeased', details: [{ row: 0, field: 'newDocumentState.receiptNo', message: 'receipt.notLeased' }] });

    const others = { ...makeContribution(hx, 10), receiptNo: receiptNo(hx2, 10) };
    const r2 = await push(f.app, hx.token, 'payments', rowsOf(others));
    expect(r2.statusCode).toBe(422);
    expect(errorOf(r2.body).code).toBe('receipt.notLeased');

    const first = makeContribution(hx, 11);
    expect((await push(f.app, hx.token, 'payments', rowsOf(first))).statusCode).toBe(200);
    const reused = makeContribution(hx, 11);
    const r3 = await push(f.app, hx.token, 'payments', rowsOf(reused));
    expect(r3.statusCode).toBe(422);
    expect(errorOf(r3.body)).toMatchObject({ code: 'receipt.duplicate', details: [{ row: 0, message: 'receipt.duplicate', params: { usedBy: first.id } }] });

    // Two new payments of one batch with the same number: the batch is refused whole.
    const a = makeContribution(hx, 12);
    const b = makeContribution(hx, 12);
    const r4 = await push(f.app, hx.token, 'payments', rowsOf(a, b));
    expect(r4.statusCode).toBe(422);
    expect(errorOf(r4.body).code).toBe('receipt.duplicate');
    expect(await stored(a.id)).toBeUndefined();

    // A spoiled number, voided, is used up too.
    const voided: Payment = { ...makeContribution(hx, 13), kind: 'void_receipt', lines: [], totalFen: 0, paidFen: 0, fromMonth: null, toMonth: null, reason: 'printer jam' };
    expect((await push(f.app, hx.token, 'payments', rowsOf(voided))).statusCode).toBe(200);
    const afterVoid = await push(f.app, hx.token, 'payments', rowsOf(makeContribution(hx, 13)));
    expect(errorOf(afterVoid.body).code).toBe('receipt.duplicate');
  });

  it('refuses payments written for another station or device, and confirmations from a device', async () => {
    const foreign = { ...makeContribution(hx, null), stationId: xq.station.id };
    const r1 = await push(f.app, hx.token, 'payments', rowsOf(foreign));
    expect(r1.statusCode).toBe(403);
    expect(errorOf(r1.body)).toMatchObject({ code: 'scope.forbidden', details: [{ row: 0, field: 'newDocumentState.stationId', message: 'scope.forbidden' }] });
    const otherDevice = { ...makeContribution(hx, null), deviceId: hx2.deviceId };
    expect(errorOf((await push(f.app, hx.token, 'payments', rowsOf(otherDevice))).body).code).toBe('scope.forbidden');

    const base = makeContribution(hx, null);
    const confirmation: Payment = { ...base, kind: 'confirmation', refId: base.id, lines: [], totalFen: 0, paidFen: 0, fromMonth: null, toMonth: null };
    const r3 = await push(f.app, hx.token, 'payments', rowsOf(confirmation));
    expect(r3.statusCode).toBe(422);
    expect(errorOf(r3.body).code).toBe('payment.confirmationFromDevice');
  });

  it('lets every device of the city pull the payments (city-wide scope)', async () => {
    const p = makeContribution(hx2, 1);
    expect((await push(f.app, hx2.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    const pulled = await pullAll<Payment>(f.app, xq.token, 'payments');
    expect(pulled.find((d) => d.id === p.id)).toEqual(p);
    // The other station also sees its neighbours' earlier payments, and only payments.
    expect(pulled.length).toBe((await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'payments'"))[0]?.n);
  });
});
