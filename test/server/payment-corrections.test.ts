import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { CoverageCase } from '../../src/shared/corrections/double-coverage';
import type { Payment } from '../../src/shared/payment';
import type { ApiError, EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, enrol, makeFixture, push, type Fixture } from './helpers/fixture';
import { lease, makeContribution, rowsOf, YEAR } from './helpers/payments';

const staffOf = (d: EnrolResponse, reviewer: boolean): string => {
  const s = d.staff.find((x) => x.reviewer === reviewer);
  if (!s) throw new Error('no such staff');
  return s.id;
};

/** A reversal or refund as the device writes it: the original's lines and money, a non-reviewer operator, a reviewer's approval. */
function correction(device: EnrolResponse, original: Payment, kind: 'reversal' | 'refund', patch: Partial<Payment> = {}): Payment {
  return {
    ...original, id: ulid(), kind, receiptNo: null, refId: original.id, reason: kind === 'refund' ? '重复缴费' : '收错险种',
    approvedBy: staffOf(device, true), staffId: staffOf(device, false), stationId: device.station.id, deviceId: device.deviceId,
    createdAt: '2025-01-20T02:00:00.000Z', ...patch,
  };
}

describe.each(DB_VARIANTS)('corrections at the centre on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let xq: EnrolResponse;
  const serial = { hx: 0, xq: 0 };
  let person = 0;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window 1');
    xq = await enrol(f.app, 'XQ01', 'other station');
    for (const d of [hx, xq]) expect((await lease(f.app, d.token, { year: YEAR, remaining: 0 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await f.close();
  });

  /** A fresh person per test, so cases of one test never meet another's. */
  const nextPerson = (): string => `p${String(++person).padStart(2, '0')}${'ab'.repeat(15)}`;
  const paid = (d: EnrolResponse, personId: string, patch: Partial<Payment> = {}): Payment => {
    const n = d === hx ? ++serial.hx : ++serial.xq;
    return makeContribution(d, n, {}, { personId, ...patch });
  };
  const errorOf = (body: string): ApiError['error'] => (JSON.parse(body) as ApiError).error;
  const stored = async (id: string): Promise<boolean> =>
    (await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM docs WHERE collection = 'payments' AND id = $1", [id]))[0]?.n === 1;
  const openCases = async (token: string): Promise<CoverageCase[]> => {
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/double-coverage', headers: authHeaders(token) });
    expect(res.statusCode).toBe(200);
    return res.json<{ cases: CoverageCase[] }>().cases;
  };

  it('stores an approved reversal of a stored payment, and a retried push of it once', async () => {
    const p = paid(hx, nextPerson());
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    const r = correction(hx, p, 'reversal');
    const res = await push(f.app, hx.token, 'payments', rowsOf(r));
    expect(res.statusCode).toBe(200);
    expect(await stored(r.id)).toBe(true);
    const again = await push(f.app, hx.token, 'payments', rowsOf(r));
    expect(again.statusCode).toBe(200);
    expect(again.json<PushResponse<Payment>>().conflicts).toEqual([]);
  });

  it('accepts the original earlier in the same batch, refuses it later in the batch', async () => {
    const p = paid(hx, nextPerson());
    const r = correction(hx, p, 'reversal');
    const wrongOrder = await push(f.app, hx.token, 'payments', rowsOf(r, p));
    expect(wrongOrder.statusCode).toBe(422);
    expect(errorOf(wrongOrder.body).code).toBe('payment.refNotFound');
    expect(await stored(p.id)).toBe(false);
    expect((await push(f.app, hx.token, 'payments', rowsOf(p, r))).statusCode).toBe(200);
    expect(await stored(r.id)).toBe(true);
  });

  it('needs a reviewer of the pushing station as approver', async () => {
    const p = paid(hx, nextPerson());
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    const clerks = hx.staff.filter((s) => !s.reviewer).map((s) => s.id);
    for (const approvedBy of [clerks[1]!, staffOf(xq, true), 'nobody']) {
      const res = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, p, 'reversal', { approvedBy })));
      expect(res.statusCode).toBe(422);
      expect(errorOf(res.body)).toMatchObject({ code: 'payment.approverNotReviewer', details: [{ field: 'newDocumentState.approvedBy' }] });
    }
    // Self-approval never passes the shared schema.
    const self = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, p, 'reversal', { staffId: staffOf(hx, true) })));
    expect(self.statusCode).toBe(422);
    expect(errorOf(self.body).code).toBe('payment.invalid');
  });

  it('refuses a correction that does not repeat its original, or points at nothing correctable', async () => {
    const personId = nextPerson();
    const p = paid(hx, personId);
    expect((await push(f.app, hx.token, 'payments', rowsOf(p))).statusCode).toBe(200);
    for (const patch of [{ paidFen: p.paidFen - 100 }, { personId: nextPerson() }, { scheme: 'employee_medical' as const }, { toMonth: '2025-02' }]) {
      const res = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, p, 'reversal', patch)));
      expect(res.statusCode).toBe(422);
      expect(errorOf(res.body).code).toBe('payment.refMismatch');
    }
    const missing = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, { ...p, id: ulid() }, 'reversal')));
    expect(errorOf(missing.body).code).toBe('payment.refNotFound');
    const r = correction(hx, p, 'reversal');
    expect((await push(f.app, hx.token, 'payments', rowsOf(r))).statusCode).toBe(200);
    const ofReversal = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, r, 'reversal')));
    expect(errorOf(ofReversal.body).code).toBe('payment.notCorrectable');
  });

  it('lists the same month paid at two stations as an open case; a refund settles it; a second correction of either record is refused', async () => {
    const personId = nextPerson();
    const atHx = paid(hx, personId);
    const atXq = paid(xq, personId, { createdAt: '2025-01-15T03:00:00.000Z' });
    expect((await push(f.app, hx.token, 'payments', rowsOf(atHx))).statusCode).toBe(200);
    // A refund of a record that is not (yet) double is refused.
    const early = await push(f.app, hx.token, 'payments', rowsOf(correction(hx, atHx, 'refund')));
    expect(errorOf(early.body).code).toBe('payment.notDouble');
    expect((await push(f.app, xq.token, 'payments', rowsOf(atXq))).statusCode).toBe(200);

    const mine = (await openCases(hx.token)).filter((c) => c.personId === personId);
    expect(mine).toEqual([expect.objectContaining({ id: `${atHx.id}:${atXq.id}`, months: ['2025-01', '2025-02', '2025-03'], refundCandidateId: atXq.id })]);
    expect((await openCases(xq.token)).map((c) => c.id)).toContain(`${atHx.id}:${atXq.id}`);

    // Both stations refund offline; XQ01's arrives first.
    const refundAtXq = correction(xq, atXq, 'refund');
    const sameAtHx = correction(hx, atXq, 'refund');
    const otherAtHx = correction(hx, atHx, 'refund');
    expect((await push(f.app, xq.token, 'payments', rowsOf(refundAtXq))).statusCode).toBe(200);
    const second = await push(f.app, hx.token, 'payments', rowsOf(sameAtHx));
    expect(second.statusCode).toBe(422);
    expect(errorOf(second.body)).toMatchObject({ code: 'payment.alreadyCorrected', details: [{ params: { by: refundAtXq.id } }] });
    const other = await push(f.app, hx.token, 'payments', rowsOf(otherAtHx));
    expect(errorOf(other.body).code).toBe('payment.notDouble');
    expect(await stored(sameAtHx.id)).toBe(false);
    expect(await stored(otherAtHx.id)).toBe(false);
    expect((await openCases(hx.token)).filter((c) => c.personId === personId)).toEqual([]);
  });

  it('takes exactly one of two refunds of the same record pushed at the same moment', async () => {
    const personId = nextPerson();
    const a = paid(hx, personId);
    const b = paid(xq, personId, { createdAt: '2025-01-15T03:00:00.000Z' });
    expect((await push(f.app, hx.token, 'payments', rowsOf(a))).statusCode).toBe(200);
    expect((await push(f.app, xq.token, 'payments', rowsOf(b))).statusCode).toBe(200);
    const results = await Promise.all([
      push(f.app, hx.token, 'payments', rowsOf(correction(hx, b, 'refund'))),
      push(f.app, xq.token, 'payments', rowsOf(correction(xq, b, 'refund'))),
      push(f.app, hx.token, 'payments', rowsOf(correction(hx, a, 'refund'))),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422, 422]);
    const refunds = await f.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM docs WHERE collection = 'payments' AND data->>'kind' = 'refund' AND data->>'personId' = $1",
      [personId],
    );
    expect(refunds[0]?.n).toBe(1);
  });

  it('the double-coverage endpoint needs a device token', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/double-coverage', headers: { 'x-shebao-protocol': '1' } });
    expect(res.statusCode).toBe(401);
  });
});
