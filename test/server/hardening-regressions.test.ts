import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorResponse } from '../../src/server/http/client-error';
import { DEFAULT_LIMITS } from '../../src/server/http/request-limits';
import type { EnrolResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, countDocs, enrol, makeFixture, push, type Fixture } from './helpers/fixture';
import { authorOf, makeAudit, makePerson } from './helpers/people';

/** Sends raw bytes and reads until the server closes: Node's HTTP parser sees exactly these bytes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(bytes);
    });
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => {
      chunks.push(c);
    });
    s.on('close', () => { resolve(Buffer.concat(chunks).toString('utf8')); });
    s.on('error', reject);
  });
}

function parse(response: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? '0'), headers: head.toLowerCase(), body: JSON.parse(body) as unknown };
}

describe.each(DB_VARIANTS)('hardening regressions (ADR 020) on $name', (variant) => {
  let f: Fixture;
  let port = 0;
  beforeAll(async () => {
    f = await makeFixture(variant);
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    port = (f.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await f.close();
  });

  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, 'request.invalid'],
    ['a header without a colon', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n', 400, 'request.invalid'],
    ['a control character in a header', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n', 400, 'request.invalid'],
    ['a bad chunked body', 'POST /api/v1/devices/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n', 400, 'request.invalid'],
    ['both Content-Length and chunked (smuggling)', 'POST /api/v1/devices/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'request.invalid'],
    ['headers over 16 KB', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request.headersTooLarge'],
  ])('answers %s with an ApiError body from the HTTP parser level', async (_name, bytes, status, code) => {
    const res = parse(await raw(port, bytes));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: { code, message: expect.any(String) as string } });
    expect(res.headers).toContain('content-type: application/json');
    expect(res.headers).toContain('x-content-type-options: nosniff');
    // The server still serves the next client.
    expect((await f.app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('bounds the time to receive a request (slow-loris), and answers a timeout with an ApiError', () => {
    expect(f.app.server.requestTimeout).toBe(DEFAULT_LIMITS.requestTimeoutMs);
    expect(JSON.parse(clientErrorResponse({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }).split('\r\n\r\n')[1] ?? '')).toMatchObject({ error: { code: 'request.timeout' } });
    expect(clientErrorResponse({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })).toMatch(/^HTTP\/1\.1 408 /);
  });

  describe('audit events name the pushing device', () => {
    let hx: EnrolResponse;
    let hx2: EnrolResponse;
    beforeAll(async () => {
      hx = await enrol(f.app, 'HX01', 'audit a');
      hx2 = await enrol(f.app, 'HX01', 'audit b');
    });

    it('refuses an event naming another device of the same station with 403 scope.forbidden and stores nothing', async () => {
      const p = makePerson(f.secret, authorOf(hx));
      const before = await countDocs(f.db, 'audit');
      const own = makeAudit(authorOf(hx), p.id);
      const forged = makeAudit(authorOf(hx2), p.id);
      const res = await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: own }, { assumedMasterState: null, newDocumentState: forged }]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'scope.forbidden', details: [{ row: 1, field: 'newDocumentState.deviceId' }] } });
      expect(await countDocs(f.db, 'audit')).toBe(before);
      // Its own event alone is stored; the other device pushes its own.
      expect((await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: own }])).statusCode).toBe(200);
      expect((await push(f.app, hx2.token, 'audit', [{ assumedMasterState: null, newDocumentState: forged }])).statusCode).toBe(200);
      expect(await countDocs(f.db, 'audit')).toBe(before + 2);
    });

    it('keeps 422 audit.invalid (with the scope issue listed) when a row is also malformed', async () => {
      const res = await f.app.inject({
        method: 'POST',
        url: '/api/v1/sync/audit/push',
        headers: authHeaders(hx.token),
        payload: [{ assumedMasterState: null, newDocumentState: { ...makeAudit(authorOf(hx2), 'x'), stationId: 'NOSUCHSTATION' } }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ error: { code: 'audit.invalid' } });
    });
  });
});
