import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../../src/server/demo/prng';
import { derivePersonKey } from '../../../src/shared/person-key';
import { DB_VARIANTS } from '../helpers/db-variants';
import { authHeaders, countDocs } from '../helpers/fixture';
import { checkAcceptedFidelity, newTally, runAll, viaHttp, viaInject, type Tally } from './fuzz-runner';
import { freshPerson, makeWorld, newAllowed, snapshotDiff, snapshotState, type FuzzWorld } from './fuzz-world';
import { genControlEnrol, nextRequest, type FuzzRequest } from './hostile-requests';

/**
 * Issue 6 §6 fuzz suite (docs/adr/010-server-fuzzing.md). Reproduce a run with
 * FUZZ_SEED=<printed seed>; FUZZ_REQUESTS sets the volume (default 20,000);
 * FUZZ_PG=1 also runs it on PostgreSQL when global-setup started one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? String(Date.now() % 2_147_483_647));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? '20000');
const CHUNK = 2_000;
/** Every HTTP_EVERY-th request goes over a real socket instead of app.inject(). */
const HTTP_EVERY = 20;
const VARIANTS = process.env.FUZZ_PG === '1' ? DB_VARIANTS : DB_VARIANTS.filter((v) => v.name === 'pglite');

function summary(t: Tally, ms: number): string {
  const sort = (m: Record<string, number>): string => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k}: ${n}`).join('\n');
  return `fuzz seed=${SEED} requests=${t.requests} elapsed=${(ms / 1000).toFixed(1)}s\nby status:\n${sort(t.byStatus)}\n4xx by code:\n${sort(t.byCode)}\nms by branch:\n${sort(Object.fromEntries(Object.entries(t.msByKind).map(([k, v]) => [k, Math.round(v)])))}`;
}

describe.each(VARIANTS)('server fuzz on $name', (variant) => {
  let w: FuzzWorld;
  let port = 0;
  beforeAll(async () => {
    w = await makeWorld(variant);
    await w.fixture.app.listen({ port: 0, host: '127.0.0.1' });
    port = (w.fixture.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await w.fixture.close();
  });

  it(`${REQUESTS} hostile requests: no 5xx, ApiError bodies, expected refusals, no change of stored state`, { timeout: 3_600_000 }, async () => {
    // Printed first, so a run that dies half-way can still be replayed.
    console.log(`fuzz seed=${SEED} (reproduce: FUZZ_SEED=${SEED} FUZZ_REQUESTS=${REQUESTS} npx vitest run test/server/fuzz)`);
    const rng = new Prng(SEED);
    const tally = newTally();
    const allowed = newAllowed();
    const before = await snapshotState(w.fixture.db, allowed);
    const started = performance.now();
    for (let done = 0; done < REQUESTS; done += CHUNK) {
      const n = Math.min(CHUNK, REQUESTS - done);
      const reqs: FuzzRequest[] = Array.from({ length: n }, () => nextRequest(rng, w));
      reqs.push(genControlEnrol(rng, w));
      const overHttp = reqs.filter((_, i) => i % HTTP_EVERY === 0);
      const inProcess = reqs.filter((_, i) => i % HTTP_EVERY !== 0);
      await runAll(inProcess, (r) => viaInject(w.fixture.app, r), tally, allowed, 8);
      await runAll(overHttp, (r) => viaHttp(port, r), tally, allowed, 4);
      const after = await snapshotState(w.fixture.db, allowed);
      const diff = snapshotDiff(before, after);
      expect(diff, `stored state changed in chunk starting at request ${done} (seed ${SEED})`).toEqual([]);
      if (tally.failures.length > 0) console.log(summary(tally, performance.now() - started));
      expect(tally.failures, `seed ${SEED}`).toEqual([]);
    }
    await checkAcceptedFidelity(w.fixture.db, tally);
    console.log(summary(tally, performance.now() - started));
    expect(tally.failures, `seed ${SEED}`).toEqual([]);
    expect(tally.byStatus['500'] ?? 0).toBe(0);
    // Prototype-pollution keys went through parsing, validation and storage: nothing leaked onto Object.prototype.
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
    // The well-formed controls mixed in kept working throughout.
    expect(tally.byKind['control.person'] ?? 0).toBeGreaterThan(0);
    expect(allowed.devices.size).toBe(Math.ceil(REQUESTS / CHUNK));
  });

  it('refuses a person pushed with another city key and does not store it', async () => {
    const p = freshPerson(w.hx);
    const foreignId = derivePersonKey(w.other.secret, p.idType, p.idNumber);
    const before = await countDocs(w.fixture.db, 'persons');
    for (const doc of [{ ...p, id: foreignId }, { ...p, id: foreignId, stationId: w.other.author.stationId }]) {
      const res = await w.fixture.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(w.hx.token), payload: [{ assumedMasterState: null, newDocumentState: doc }] });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ error: { code: string } }>().error.code).toMatch(/^person\.(keyMismatch|invalid)$/);
    }
    const stored = await w.fixture.db.query('SELECT id FROM docs WHERE id = $1', [foreignId]);
    expect(stored).toEqual([]);
    expect(await countDocs(w.fixture.db, 'persons')).toBe(before);
  });

  // Regressions for bugs this fuzzer found (each was a 500 or a non-ApiError 4xx before the fix).
  it('refuses NUL and unpaired surrogates with 400 request.invalid and stores nothing', async () => {
    const before = await snapshotState(w.fixture.db, newAllowed());
    for (const s of ['a\u0000b', '\ud800', 'x\udfffy']) {
      const res = await w.fixture.app.inject({ method: 'POST', url: '/api/v1/sync/persons/push', headers: authHeaders(w.hx.token), payload: [{ assumedMasterState: null, newDocumentState: freshPerson(w.hx, { notes: s }) }] });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('request.invalid');
    }
    const enrol = await w.fixture.app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { stationCode: '\u0000', enrolmentCode: '1', deviceName: 'x' } });
    expect(enrol.statusCode).toBe(400);
    expect(await snapshotState(w.fixture.db, newAllowed())).toEqual(before);
  });

  it('refuses checkpoints with leading zeros (octal in PostgreSQL) and a seq above bigint', async () => {
    for (const q of ['xid=0123&seq=1', 'xid=08&seq=1', 'xid=1&seq=00', 'xid=1&seq=9223372036854775808', 'xid=1&seq=1,2']) {
      const res = await w.fixture.app.inject({ url: `/api/v1/sync/persons/pull?${q}`, headers: authHeaders(w.hx.token) });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('request.invalid');
    }
  });

  it('answers a malformed URL with an ApiError body', async () => {
    const res = await w.fixture.app.inject({ url: '/api/v1/%ED%A0%80' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('request.invalid');
  });
});
