import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type LimitConfig } from '../../src/server/http/request-limits';
import { RateLimiter } from '../../src/server/http/rate-limiter';
import { SYNC_COLLECTIONS, type EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, DEMO_CODES, enrol, makeFixture, type Fixture } from './helpers/fixture';
import { authorOf, makeAudit, makePerson } from './helpers/people';

/** Limits live in memory, not in the database: one adapter is enough. */
const pglite = DB_VARIANTS.filter((v) => v.name === 'pglite');

/** A clock the test moves (ADR 020: no timed assertions). */
function manualClock(): { now: () => number; advance: (s: number) => void } {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (s) => (t += s * 1000) };
}

function expect429(res: LightMyRequestResponse, code: string): number {
  expect(res.statusCode, res.body).toBe(429);
  expect(res.json()).toMatchObject({ error: { code, message: expect.any(String) as string } });
  const retry = Number(res.headers['retry-after']);
  expect(retry).toBeGreaterThanOrEqual(1);
  return retry;
}

describe('RateLimiter', () => {
  it('takes a burst, refuses with Retry-After, refills with time, refunds', () => {
    const c = manualClock();
    const l = new RateLimiter({ capacity: 3, perSecond: 0.5 }, c.now);
    expect([l.take('a').ok, l.take('a').ok, l.take('a').ok]).toEqual([true, true, true]);
    expect(l.take('a')).toEqual({ ok: false, retryAfterS: 2 });
    expect(l.take('b').ok).toBe(true);
    c.advance(1);
    expect(l.peek('a')).toEqual({ ok: false, retryAfterS: 1 });
    c.advance(1);
    expect(l.take('a').ok).toBe(true);
    l.refund('a');
    expect(l.take('a').ok).toBe(true);
    c.advance(3600);
    expect([l.take('a').ok, l.take('a').ok, l.take('a').ok, l.take('a').ok]).toEqual([true, true, true, false]);
  });

  it('keeps memory bounded under a flood of fresh keys', () => {
    const l = new RateLimiter({ capacity: 2, perSecond: 1 }, manualClock().now);
    for (let i = 0; i < 50_000; i++) l.take(`k${String(i)}`);
    expect(l.size).toBeLessThanOrEqual(20_000);
  });
});

describe.each(pglite)('request limits on $name', (variant) => {
  let f: Fixture | null = null;
  afterEach(async () => {
    await f?.close();
    f = null;
  });
  const open = async (limits: Partial<LimitConfig> = {}): Promise<{ f: Fixture; clock: ReturnType<typeof manualClock> }> => {
    const clock = manualClock();
    f = await makeFixture(variant, { limits: { ...DEFAULT_LIMITS, ...limits }, limitClock: clock.now });
    return { f, clock };
  };
  const enrolReq = (fx: Fixture, stationCode: string, enrolmentCode: string, remoteAddress = '127.0.0.1') =>
    fx.app.inject({ method: 'POST', url: '/api/v1/devices/enrol', remoteAddress, payload: { stationCode, enrolmentCode, deviceName: 'limit test' } });
  const deviceCount = async (fx: Fixture): Promise<number> => (await fx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM devices'))[0]?.n ?? -1;

  it('locks a station after 10 wrong enrolment codes in an hour, even for the right code, and eases with time', async () => {
    const { f: fx, clock } = await open();
    // Spread over addresses: the station lock must hold however many machines guess.
    for (let i = 0; i < 10; i++) {
      const res = await enrolReq(fx, 'HX01', String(300000 + i), `10.0.0.${String(i + 1)}`);
      expect(res.statusCode).toBe(403);
    }
    const devices = await deviceCount(fx);
    const retry = expect429(await enrolReq(fx, 'hx01', '999999', '10.0.1.1'), 'enrol.locked');
    expect(retry).toBeLessThanOrEqual(360);
    expect429(await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '', '10.0.1.2'), 'enrol.locked');
    expect(await deviceCount(fx)).toBe(devices);
    // Another station is not affected.
    expect((await enrolReq(fx, 'XQ01', DEMO_CODES.XQ01 ?? '')).statusCode).toBe(201);
    // Six minutes later one more attempt is allowed; the right code goes through and is not charged.
    clock.advance(360);
    expect((await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '')).statusCode).toBe(201);
    expect((await enrolReq(fx, 'HX01', '000000')).statusCode).toBe(403);
    expect429(await enrolReq(fx, 'HX01', '000001'), 'enrol.locked');
    // An hour on, the station has its full allowance back.
    clock.advance(3600);
    for (let i = 0; i < 10; i++) expect((await enrolReq(fx, 'HX01', '000002', `10.0.2.${String(i)}`)).statusCode).toBe(403);
    expect429(await enrolReq(fx, 'HX01', '000002'), 'enrol.locked');
  });

  it('refuses concurrent guesses beyond the allowance (charged before the code is checked)', async () => {
    const { f: fx } = await open();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => enrolReq(fx, 'XQ01', '123456', `10.1.0.${String(i)}`)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 403)).toHaveLength(10);
    expect(codes.filter((s) => s === 429)).toHaveLength(15);
  });

  it('limits failed enrolments per address (unknown stations too), not successful ones', async () => {
    const { f: fx, clock } = await open();
    for (let i = 0; i < 12; i++) expect((await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '', '10.2.0.1')).statusCode).toBe(201);
    for (let i = 0; i < 30; i++) expect((await enrolReq(fx, `ZZ${String(i)}`, '100001', '10.2.0.1')).statusCode).toBe(404);
    expect429(await enrolReq(fx, 'ZZ99', '100001', '10.2.0.1'), 'rate.limited');
    expect429(await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '', '10.2.0.1'), 'rate.limited');
    expect((await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '', '10.2.0.2')).statusCode).toBe(201);
    clock.advance(120);
    expect((await enrolReq(fx, 'HX01', DEMO_CODES.HX01 ?? '', '10.2.0.1')).statusCode).toBe(201);
  });

  it('limits requests per device token, per address, and 401s per address', async () => {
    const { f: fx, clock } = await open({ perToken: { capacity: 5, perSecond: 1 }, perIp: { capacity: 20, perSecond: 2 }, authFailuresPerIp: { capacity: 3, perSecond: 0.1 } });
    const a = await enrol(fx.app, 'HX01', 'a');
    const b = await enrol(fx.app, 'HX01', 'b');
    const pull = (token: string, remoteAddress: string) => fx.app.inject({ url: '/api/v1/sync/persons/pull', headers: authHeaders(token), remoteAddress });
    for (let i = 0; i < 5; i++) expect((await pull(a.token, '10.3.0.1')).statusCode).toBe(200);
    expect(expect429(await pull(a.token, '10.3.0.2'), 'rate.limited')).toBe(1);
    expect((await pull(b.token, '10.3.0.1')).statusCode).toBe(200);
    clock.advance(1);
    expect((await pull(a.token, '10.3.0.1')).statusCode).toBe(200);

    // Three wrong tokens from one address: then even a good token from there waits; other addresses do not.
    for (let i = 0; i < 3; i++) expect((await pull(`wrong${String(i)}`, '10.3.0.9')).statusCode).toBe(401);
    expect429(await pull(b.token, '10.3.0.9'), 'rate.limited');
    expect((await pull(b.token, '10.3.0.8')).statusCode).toBe(200);

    // The address bucket: 20 API requests, then 429 even for health.
    for (let i = 0; i < 20; i++) expect((await fx.app.inject({ url: '/api/v1/health', remoteAddress: '10.3.1.1' })).statusCode).toBe(200);
    expect429(await fx.app.inject({ url: '/api/v1/health', remoteAddress: '10.3.1.1' }), 'rate.limited');
    clock.advance(10);
    expect((await fx.app.inject({ url: '/api/v1/health', remoteAddress: '10.3.1.1' })).statusCode).toBe(200);
  });

  it('refuses oversized bodies per route with 413 request.tooLarge and stores nothing', async () => {
    const { f: fx } = await open();
    const dev = await enrol(fx.app);
    const big = (n: number): string => 'x'.repeat(n);
    const small = await fx.app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { stationCode: 'HX01', enrolmentCode: '100001', deviceName: big(70_000) } });
    expect(small.statusCode).toBe(413);
    expect(small.json()).toMatchObject({ error: { code: 'request.tooLarge' } });
    const lease = await fx.app.inject({ method: 'POST', url: '/api/v1/receipts/lease', headers: authHeaders(dev.token), payload: { year: 2025, remaining: 0, pad: big(70_000) } });
    expect(lease.statusCode).toBe(413);
    // A push of 1 MB is read (and refused for its content, not its size); above 5 MB it is not read.
    const person = { ...makePerson(fx.secret, authorOf(dev)), notes: big(1_000_000) };
    const mid = await fx.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(dev.token), payload: [{ assumedMasterState: null, newDocumentState: person }] });
    expect(mid.statusCode).toBe(422);
    const huge = await fx.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(dev.token), payload: [{ assumedMasterState: null, newDocumentState: { ...person, notes: big(5_300_000) } }] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'request.tooLarge' } });
    expect(await deviceCount(fx)).toBe(1);
  });

  it('never trips on the normal sync traffic of two stations behind one address', async () => {
    const { f: fx } = await open();
    const devices: EnrolResponse[] = [await enrol(fx.app, 'HX01', 'hx 1'), await enrol(fx.app, 'HX01', 'hx 2'), await enrol(fx.app, 'XQ01', 'xq 1'), await enrol(fx.app, 'XQ01', 'xq 2')];
    const statuses = new Map<number, number>();
    const count = (r: LightMyRequestResponse): void => void statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    // 40 rounds per device, as fast as the server answers (far denser than a real working day):
    // push a new person and its audit event, then pull every collection.
    for (let round = 0; round < 40; round++) {
      await Promise.all(
        devices.map(async (d) => {
          const by = authorOf(d);
          const p = makePerson(fx.secret, by);
          count(await fx.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(d.token), payload: [{ assumedMasterState: null, newDocumentState: p }] }));
          count(await fx.app.inject({ method: 'POST', url: '/api/v1/sync/audit/push', headers: authHeaders(d.token), payload: [{ assumedMasterState: null, newDocumentState: makeAudit(by, p.id) }] }));
          for (const c of SYNC_COLLECTIONS) count(await fx.app.inject({ url: `/api/v1/sync/${c}/pull?limit=500`, headers: authHeaders(d.token) }));
          count(await fx.app.inject({ url: '/api/v1/time' }));
        }),
      );
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 40 * 4 * (3 + SYNC_COLLECTIONS.length) });
  });
});
