import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_SIZE, MAX_BLOCKS_PER_DAY, REFILL_AT } from '../../src/server/receipts/receipt-blocks';
import type { ApiError, EnrolResponse, LeasedBlock, ReceiptLeaseResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, type Fixture } from './helpers/fixture';
import { lease, receiptNo, YEAR } from './helpers/payments';

/** Every serial of the blocks, failing on a serial that appears twice. */
function serialsOf(blocks: readonly LeasedBlock[]): Set<number> {
  const out = new Set<number>();
  for (const b of blocks) {
    for (let s = b.from; s <= b.to; s++) {
      expect(out.has(s)).toBe(false);
      out.add(s);
    }
  }
  return out;
}

describe.each(DB_VARIANTS)('receipt block leasing on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let hx2: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant);
    hx = await enrol(f.app, 'HX01', 'window 1');
    hx2 = await enrol(f.app, 'HX01', 'window 2');
  });
  afterAll(async () => {
    await f.close();
  });

  const leaseOk = async (d: EnrolResponse, remaining: number, year = YEAR): Promise<ReceiptLeaseResponse> => {
    const res = await lease(f.app, d.token, { year, remaining });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReceiptLeaseResponse>();
  };
  const codeOf = (body: string): string => (JSON.parse(body) as ApiError).error.code;

  it('grants a first block, then another only at 20% of a block or less left', async () => {
    const first = await leaseOk(hx, 0);
    expect(first).toEqual({ stationCode: 'HX01', deviceNo: hx.deviceNo, blocks: [{ year: YEAR, from: 1, to: BLOCK_SIZE }] });
    expect(REFILL_AT).toBe(BLOCK_SIZE / 5);
    expect((await leaseOk(hx, REFILL_AT + 1)).blocks).toHaveLength(1);
    const refilled = await leaseOk(hx, REFILL_AT);
    expect(refilled.blocks).toEqual([
      { year: YEAR, from: 1, to: BLOCK_SIZE },
      { year: YEAR, from: BLOCK_SIZE + 1, to: 2 * BLOCK_SIZE },
    ]);
    // Blocks are per year: next year starts at serial 1 again.
    expect((await leaseOk(hx, 0, YEAR + 1)).blocks).toEqual([{ year: YEAR + 1, from: 1, to: BLOCK_SIZE }]);
  });

  it('never gives overlapping serials, also to concurrent requests, and two devices never share a receipt number', async () => {
    const answers = await Promise.all([0, 0, 0].map(() => lease(f.app, hx2.token, { year: YEAR, remaining: 0 })));
    for (const a of answers) expect(a.statusCode).toBe(200);
    const mine = (await leaseOk(hx2, BLOCK_SIZE)).blocks;
    expect(mine).toHaveLength(3);
    const serials2 = serialsOf(mine);
    expect(serials2.size).toBe(3 * BLOCK_SIZE);
    const serials1 = serialsOf((await leaseOk(hx, BLOCK_SIZE)).blocks);
    const numbers1 = new Set([...serials1].map((s) => receiptNo(hx, s)));
    const clash = [...serials2].map((s) => receiptNo(hx2, s)).filter((n) => numbers1.has(n));
    expect(clash).toEqual([]);
  });

  it(`refuses more than ${String(MAX_BLOCKS_PER_DAY)} blocks to one device per day (429), but still answers without a grant`, async () => {
    const d = await enrol(f.app, 'XQ01', 'runaway');
    for (let i = 1; i <= MAX_BLOCKS_PER_DAY; i++) expect((await leaseOk(d, 0)).blocks).toHaveLength(i);
    const refused = await lease(f.app, d.token, { year: YEAR, remaining: 0 });
    expect(refused.statusCode).toBe(429);
    expect(codeOf(refused.body)).toBe('receipt.leaseLimit');
    expect((await leaseOk(d, BLOCK_SIZE)).blocks).toHaveLength(MAX_BLOCKS_PER_DAY);
  });

  it('leases only for the current year or one either side', async () => {
    for (const year of [YEAR - 2, YEAR + 2, 1999]) {
      const res = await lease(f.app, hx.token, { year, remaining: 0 });
      expect(res.statusCode).toBe(400);
      expect(codeOf(res.body)).toBe('receipt.year');
    }
    expect((await leaseOk(hx, BLOCK_SIZE, YEAR - 1)).blocks).toEqual([]);
  });

  it('validates the body strictly and needs a device token and the protocol header', async () => {
    for (const body of [{ year: YEAR }, { year: String(YEAR), remaining: 0 }, { year: YEAR, remaining: -1 }, { year: YEAR, remaining: 1.5 }, { year: YEAR, remaining: 0, extra: 1 }]) {
      const res = await lease(f.app, hx.token, body);
      expect(res.statusCode).toBe(400);
      expect(codeOf(res.body)).toBe('request.invalid');
    }
    const noToken = await f.app.inject({ method: 'POST', url: '/api/v1/receipts/lease', headers: { 'x-shebao-protocol': '1' }, payload: { year: YEAR, remaining: 0 } });
    expect(noToken.statusCode).toBe(401);
    const oldClient = await f.app.inject({ method: 'POST', url: '/api/v1/receipts/lease', headers: { authorization: `Bearer ${hx.token}` }, payload: { year: YEAR, remaining: 0 } });
    expect(oldClient.statusCode).toBe(426);
  });
});
