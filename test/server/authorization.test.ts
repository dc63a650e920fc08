import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/server/http/request-limits';
import { SYNC_COLLECTIONS, type SyncCollection } from '../../src/shared/sync-protocol';
import { snapshotDiff, snapshotState, newAllowed, type WorldDevice } from './fuzz/fuzz-world';
import { makeAuthzWorld, tianjinDocs, type AuthzWorld } from './helpers/authz-world';
import { DB_VARIANTS } from './helpers/db-variants';

/**
 * Issue 6 §6: an authorization test for every endpoint (ADR 020). The
 * endpoints come from the app itself (every route added is recorded), so a
 * new endpoint without an entry in ENDPOINTS fails the first test.
 *
 * `roles` is where issue 6 §1 plugs in: today a caller is a device (its
 * token) or nobody; when staff accounts land, each endpoint lists the roles
 * allowed (clerk, reviewer, station admin, district auditor, centre admin)
 * and the suite runs every role against every endpoint, expecting 403 for
 * the roles not listed.
 */
type Role = 'anyone' | 'device';

interface Endpoint {
  readonly roles: readonly Role[];
  /** A well-formed request of the device `dev` (undefined token: no credentials). Collection routes get one per collection. */
  readonly request?: (w: AuthzWorld, token: string | undefined, collection: SyncCollection) => InjectOptions;
  /** Credentials in the query (?token=&v=) instead of headers: the SSE stream (EventSource sends no headers). */
  readonly queryToken?: true;
  /** Another city's device: the refusal, or the proof that it sees no Tianjin data. */
  readonly otherCity?: (w: AuthzWorld, collection: SyncCollection) => Promise<void>;
}

const P = '/api/v1';
const headers = (token: string | undefined, protocol: string | null = '1'): Record<string, string> => ({
  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
  ...(protocol === null ? {} : { 'x-shebao-protocol': protocol }),
});
let world: AuthzWorld;
const send = (o: InjectOptions): Promise<LightMyRequestResponse> => world.fixture.app.inject(o);

/** Every Tianjin id of the collection must be absent from the other city's answer. */
async function noTianjinIn(body: string, collection: SyncCollection): Promise<void> {
  const ids = (await tianjinDocs(world, collection)).map((d) => d.id);
  expect(ids.length, `world holds Tianjin ${collection}`).toBeGreaterThan(0);
  for (const id of ids) expect(body).not.toContain(id);
}

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  'GET /api/v1/health': { roles: ['anyone'] },
  'GET /api/v1/time': { roles: ['anyone'] },
  // Guarded by the station's one-time enrolment code and its lockout (request-limits.test.ts), not by a token.
  'POST /api/v1/devices/enrol': { roles: ['anyone'] },
  // The built renderer (public files) and its SPA fallback.
  'GET /*': { roles: ['anyone'] },
  'GET /api/v1/policy-keys': {
    roles: ['device'],
    // Public keys only: the same for every city by design (they verify packs), nothing city-scoped to leak.
    request: (_w, token) => ({ url: `${P}/policy-keys`, headers: headers(token) }),
    otherCity: async (w) => {
      const tj = await send({ url: `${P}/policy-keys`, headers: headers(w.hx.token) });
      const other = await send({ url: `${P}/policy-keys`, headers: headers(w.other.token) });
      expect(other.statusCode).toBe(200);
      expect(other.json()).toEqual(tj.json());
    },
  },
  'GET /api/v1/double-coverage': {
    roles: ['device'],
    request: (_w, token) => ({ url: `${P}/double-coverage`, headers: headers(token) }),
    otherCity: async (w) => {
      const tj = await send({ url: `${P}/double-coverage`, headers: headers(w.hx.token) });
      expect(tj.body).toContain(w.coveredPersonId);
      const res = await send({ url: `${P}/double-coverage`, headers: headers(w.other.token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ cases: [] });
    },
  },
  'POST /api/v1/receipts/lease': {
    roles: ['device'],
    // Leases are per device (no station or device in the body to forge).
    request: (_w, token) => ({ method: 'POST', url: `${P}/receipts/lease`, headers: headers(token), payload: { year: new Date().getUTCFullYear(), remaining: 0 } }),
    otherCity: async (w) => {
      // The other city's device gets its own station's numbers, never a Tianjin block.
      const res = await send({ method: 'POST', url: `${P}/receipts/lease`, headers: headers(w.other.token), payload: { year: new Date().getUTCFullYear(), remaining: 0 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ stationCode: w.other.enrolment.station.code, deviceNo: w.other.enrolment.deviceNo });
    },
  },
  'GET /api/v1/sync/:collection/pull': {
    roles: ['device'],
    request: (_w, token, c) => ({ url: `${P}/sync/${c}/pull?limit=500`, headers: headers(token) }),
    otherCity: async (w, c) => {
      const res = await send({ url: `${P}/sync/${c}/pull?limit=500`, headers: headers(w.other.token) });
      expect(res.statusCode).toBe(200);
      await noTianjinIn(res.body, c);
    },
  },
  'POST /api/v1/sync/:collection/push': {
    roles: ['device'],
    // An empty batch: well-formed for every writable collection, and changes nothing.
    request: (_w, token, c) => ({ method: 'POST', url: `${P}/sync/${c}/push`, headers: headers(token), payload: [] }),
    otherCity: async (w, c) => {
      // Exact replays of Tianjin's stored documents, pushed by the other city's device: refused, nothing changes.
      const docs = (await tianjinDocs(w, c)).slice(0, 3);
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        const res = await send({ method: 'POST', url: `${P}/sync/${c}/push`, headers: headers(w.other.token), payload: [{ assumedMasterState: null, newDocumentState: d.data }] });
        expect(res.statusCode, `${c} ${res.body}`).toBeGreaterThanOrEqual(403);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.body).not.toContain('"conflicts"');
      }
    },
  },
  'GET /api/v1/sync/stream': { roles: ['device'], queryToken: true, otherCity: async (w) => streamScope(w) },
};

/** Routes with a :collection parameter run once per collection. */
const collectionsOf = (route: string): readonly SyncCollection[] => (route.includes(':collection') ? SYNC_COLLECTIONS : ['persons']);

function firstEvents(port: number, token: string, n: number, onOpen: () => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: `${P}/sync/stream?token=${token}&v=1` }, (res) => {
      const events: string[] = [];
      let opened = false;
      res.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.startsWith('data: ')) events.push(line.slice(6));
        if (!opened && events.length > 0) {
          opened = true;
          onOpen();
        }
        if (events.length >= n) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', (e) => {
      if (!req.destroyed) reject(e);
    });
    req.end();
  });
}

/**
 * Another city's stream never carries Tianjin's changes: both streams open,
 * Tianjin pushes first and then the other city; the other city's stream must
 * see exactly its own change after RESYNC (events are published in commit order).
 */
async function streamScope(w: AuthzWorld): Promise<void> {
  const port = (w.fixture.app.server.address() as AddressInfo).port;
  const pushAudit = async (dev: WorldDevice): Promise<void> => {
    const { freshAudit } = await import('./fuzz/fuzz-world');
    const res = await send({ method: 'POST', url: `${P}/sync/audit/push`, headers: headers(dev.token), payload: [{ assumedMasterState: null, newDocumentState: freshAudit(dev, w.coveredPersonId) }] });
    expect(res.statusCode).toBe(200);
  };
  let ready = 0;
  let go: () => void = () => undefined;
  const bothOpen = new Promise<void>((r) => (go = r));
  const opened = (): void => {
    if (++ready === 2) go();
  };
  const tj = firstEvents(port, w.xq.token, 2, opened);
  const other = firstEvents(port, w.other.token, 2, opened);
  await bothOpen;
  await pushAudit(w.hx);
  const tjChange = (await tj)[1] ?? '';
  expect(JSON.parse(tjChange)).toMatchObject({ type: 'changes', collection: 'audit' });
  await pushAudit(w.other);
  const seen = await other;
  expect(JSON.parse(seen[0] ?? '{}')).toEqual({ type: 'RESYNC' });
  // Had Tianjin's event leaked, it would be here (it was published first), with Tianjin's checkpoint.
  expect(JSON.parse(seen[1] ?? '{}')).toMatchObject({ type: 'changes', collection: 'audit' });
  expect(seen[1]).not.toBe(tjChange);
}

describe.each(DB_VARIANTS)('authorization of every endpoint on $name', (variant) => {
  let revoked: string;
  beforeAll(async () => {
    world = await makeAuthzWorld(variant);
    revoked = world.revokedToken;
    await world.fixture.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await world.fixture.close();
  });

  it('has an authorization case for every registered route, and no stale ones', () => {
    const routes = new Set(registeredRoutes(world.fixture.app).filter((r) => !r.startsWith('HEAD ')));
    expect([...routes].filter((r) => !(r in ENDPOINTS)), 'routes without an entry in ENDPOINTS (add one)').toEqual([]);
    expect(Object.keys(ENDPOINTS).filter((r) => !routes.has(r)), 'ENDPOINTS entries with no such route').toEqual([]);
  });

  it('answers public endpoints without credentials', async () => {
    expect((await send({ url: `${P}/health` })).statusCode).toBe(200);
    expect((await send({ url: `${P}/time` })).statusCode).toBe(200);
    expect((await send({ url: '/' })).statusCode).toBe(200);
    expect((await send({ method: 'POST', url: `${P}/devices/enrol`, payload: {} })).statusCode).toBe(400);
  });

  const deviceRoutes = Object.entries(ENDPOINTS).filter(([, e]) => e.roles.includes('device'));
  const cases = deviceRoutes.flatMap(([route, e]) => collectionsOf(route).map((c) => ({ route, e, c, name: route.includes(':collection') ? `${route} [${c}]` : route })));

  describe.each(cases)('$name', ({ route, e, c }) => {
    /** The request with these credentials; the stream carries them in the query. */
    const req = (token: string | undefined, protocol: string | null = '1'): InjectOptions => {
      if (e.queryToken) {
        const q = new URLSearchParams({ ...(token === undefined ? {} : { token }), ...(protocol === null ? {} : { v: protocol }) });
        return { url: `${P}/sync/stream?${q.toString()}` };
      }
      const base = e.request?.(world, token, c);
      if (!base) throw new Error(`${route}: a device endpoint needs request()`);
      return { ...base, headers: { ...headers(token, protocol) } };
    };

    it('refuses no credentials, a garbled, a foreign-scheme and a revoked token with 401 and changes nothing', async () => {
      const before = await snapshotState(world.fixture.db, newAllowed());
      const expectations: [string | undefined, string][] = [
        [undefined, 'auth.missing'],
        ['nope', 'auth.invalid'],
        [`${world.hx.token}x`, 'auth.invalid'],
        [revoked, 'auth.invalid'],
      ];
      for (const [token, code] of expectations) {
        const res = await send(req(token));
        expect(res.statusCode, `${route} ${String(token)}`).toBe(401);
        expect(res.json()).toMatchObject({ error: { code } });
      }
      if (!e.queryToken) {
        const basic = await send({ ...req(undefined), headers: { ...headers(undefined), authorization: 'Basic dXNlcjpwYXNz' } });
        expect(basic.statusCode).toBe(401);
      }
      expect(snapshotDiff(before, await snapshotState(world.fixture.db, newAllowed()))).toEqual([]);
    });

    it('refuses a missing or wrong protocol version with 426, before anything else', async () => {
      for (const v of [null, '2', '0']) {
        const res = await send(req(world.hx.token, v));
        expect(res.statusCode, `${route} v=${String(v)}`).toBe(426);
        expect(res.json()).toMatchObject({ error: { code: 'protocol.version' } });
      }
    });

    it('serves a live device of the city (the refusals above are not a broken request)', async () => {
      if (e.queryToken) {
        // A stream stays open: read its first event over a real socket, then hang up.
        const port = (world.fixture.app.server.address() as AddressInfo).port;
        const [first] = await firstEvents(port, world.xq.token, 1, () => undefined);
        expect(JSON.parse(first ?? '{}')).toEqual({ type: 'RESYNC' });
        return;
      }
      const res = await send(req(world.xq.token));
      const readOnly = route.endsWith('/push') && res.statusCode === 403;
      expect(readOnly ? res.json<{ error: { code: string } }>().error.code : res.statusCode, res.body).toBe(readOnly ? 'collection.readOnly' : 200);
    });

    it("gives another city's device none of Tianjin's data", async () => {
      expect(e.otherCity, `${route}: say what another city's device gets`).toBeDefined();
      const before = await snapshotState(world.fixture.db, newAllowed());
      await e.otherCity?.(world, c);
      const diff = snapshotDiff(before, await snapshotState(world.fixture.db, newAllowed()));
      // The stream check pushes one audit event per city on purpose; nothing else may change.
      expect(diff.filter((l) => !l.includes('doc|audit|'))).toEqual([]);
    });
  });

  describe('station and device scope inside the city', () => {
    it.each(['records', 'payments', 'audit'] as const)('refuses %s naming another station or device with 403 scope.forbidden', async (c) => {
      const mine = (await tianjinDocs(world, c)).find((d) => (d.data as { deviceId?: string }).deviceId === world.hx.author.deviceId);
      expect(mine).toBeDefined();
      const before = await snapshotState(world.fixture.db, newAllowed());
      const res = await send({ method: 'POST', url: `${P}/sync/${c}/push`, headers: headers(world.xq.token), payload: [{ assumedMasterState: null, newDocumentState: mine?.data }] });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'scope.forbidden' } });
      expect(snapshotDiff(before, await snapshotState(world.fixture.db, newAllowed()))).toEqual([]);
    });
  });
});
