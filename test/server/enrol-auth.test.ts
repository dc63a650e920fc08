import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, enrol, makeFixture, type Fixture } from './helpers/fixture';

describe.each(DB_VARIANTS)('enrolment and auth on $name', (variant) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(variant);
  });
  afterAll(async () => {
    await f.close();
  });

  const enrolReq = (payload: unknown) => f.app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: payload as object });

  it('answers health and time without auth', async () => {
    const h = await f.app.inject({ url: '/api/v1/health' });
    expect(h.statusCode).toBe(200);
    expect(h.json()).toMatchObject({ ok: true, protocol: 1 });
    const t = await f.app.inject({ url: '/api/v1/time' });
    expect(Date.parse(t.json<{ serverTime: string }>().serverTime)).not.toBeNaN();
  });

  it('enrols a device with the station code and its enrolment code', async () => {
    const a = await enrol(f.app, 'HX01', 'A');
    const b = await enrol(f.app, 'hx01', 'B');
    expect(a.station).toMatchObject({ code: 'HX01', name: '河西区友谊路街道劳动保障服务站' });
    expect(a.city).toMatchObject({ name: '天津市', regionCode: '120000' });
    expect(a.personKeySecret).toBe(f.demo.personKeySecret);
    expect(a.token.length).toBeGreaterThan(30);
    expect(b.deviceNo).toBe(a.deviceNo + 1);
    expect(a.staff.length).toBeGreaterThanOrEqual(2);
    expect(a.staff.filter((s) => s.reviewer)).toHaveLength(1);
    const x = await enrol(f.app, 'XQ01');
    expect(x.deviceNo).toBe(1);
    // Only the token's hash is stored.
    const stored = await f.db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE id = $1', [a.deviceId]);
    expect(stored[0]?.token_hash).not.toBe(a.token);
  });

  it('refuses a wrong enrolment code and an unknown station', async () => {
    const bad = await enrolReq({ stationCode: 'HX01', enrolmentCode: '200002', deviceName: 'x' });
    expect(bad.statusCode).toBe(403);
    expect(bad.json()).toMatchObject({ error: { code: 'enrol.badCode' } });
    const unknown = await enrolReq({ stationCode: 'ZZ99', enrolmentCode: '100001', deviceName: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'enrol.unknownStation' } });
  });

  it('answers malformed enrolment bodies with 400 and stores no device', async () => {
    const before = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    for (const payload of [{ stationCode: 'HX01' }, { stationCode: 1, enrolmentCode: '100001', deviceName: 'x' }, [], { stationCode: 'HX01', enrolmentCode: '100001', deviceName: 'x', extra: 1 }]) {
      const res = await enrolReq(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'request.invalid' } });
    }
    const broken = await f.app.inject({ method: 'POST', url: '/api/v1/devices/enrol', headers: { 'content-type': 'application/json' }, payload: '{"stationCode":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: { code: 'request.invalid' } });
    const after = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    expect(after).toEqual(before);
  });

  describe('authenticated routes', () => {
    let dev: EnrolResponse;
    beforeAll(async () => {
      dev = await enrol(f.app);
    });
    const pull = (headers: Record<string, string>) => f.app.inject({ url: '/api/v1/sync/persons/pull', headers });

    it('accepts a valid token with the protocol header', async () => {
      const res = await pull(authHeaders(dev.token));
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('refuses a missing token (401 auth.missing) and a bad one (401 auth.invalid)', async () => {
      const missing = await pull({ 'x-shebao-protocol': '1' });
      expect(missing.statusCode).toBe(401);
      expect(missing.json()).toMatchObject({ error: { code: 'auth.missing' } });
      for (const authorization of ['Bearer nope', 'Basic abc', `Bearer ${dev.token}x`]) {
        const bad = await pull({ 'x-shebao-protocol': '1', authorization });
        expect(bad.statusCode).toBe(401);
        expect(bad.json()).toMatchObject({ error: { code: 'auth.invalid' } });
      }
    });

    it('refuses a revoked device', async () => {
      const other = await enrol(f.app, 'HX01', 'revoked');
      await f.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [other.deviceId]);
      const res = await pull(authHeaders(other.token));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'auth.invalid' } });
    });

    it('refuses another or a missing protocol version with 426', async () => {
      for (const v of ['2', '0', undefined]) {
        const headers: Record<string, string> = { authorization: `Bearer ${dev.token}` };
        if (v !== undefined) headers['x-shebao-protocol'] = v;
        const res = await pull(headers);
        expect(res.statusCode).toBe(426);
        expect(res.json()).toMatchObject({ error: { code: 'protocol.version', details: { expected: 1 } } });
      }
    });

    it('refuses unknown collections and bad pull queries with clear 4xx', async () => {
      const unknown = await f.app.inject({ url: '/api/v1/sync/invoices/pull', headers: authHeaders(dev.token) });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { code: 'collection.unknown' } });
      for (const qs of ['limit=0', 'limit=501', 'limit=abc', 'xid=1', 'xid=-1&seq=2', 'xid=1&seq=1e3', 'xid=99999999999999999999999&seq=1', 'foo=1']) {
        const res = await f.app.inject({ url: `/api/v1/sync/persons/pull?${qs}`, headers: authHeaders(dev.token) });
        expect(res.statusCode, qs).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'request.invalid' } });
      }
    });

    it('answers an unknown API path with a JSON 404, never the SPA', async () => {
      const res = await f.app.inject({ url: '/api/v1/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'route.notFound' } });
    });

    it('answers CORS preflight for the app:// origin of the Electron client only', async () => {
      const ok = await f.app.inject({ method: 'OPTIONS', url: '/api/v1/sync/persons/pull', headers: { origin: 'app://shebao' } });
      expect(ok.statusCode).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('app://shebao');
      expect(String(ok.headers['access-control-allow-headers'])).toContain('x-shebao-protocol');
      const evil = await f.app.inject({ url: '/api/v1/health', headers: { origin: 'https://evil.example' } });
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
