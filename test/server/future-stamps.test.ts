import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packHlc } from '../../src/shared/hlc';
import type { ApiError, EnrolResponse } from '../../src/shared/sync-protocol';
import { refuseFutureStamps } from '../../src/server/sync/future-stamps';
import { DB_VARIANTS } from './helpers/db-variants';
import { countDocs, enrol, makeFixture, push, type Fixture } from './helpers/fixture';
import { makeContribution, rowsOf } from './helpers/payments';
import { authorOf, makeAudit, makePerson, type Author } from './helpers/people';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('refuseFutureStamps (pure)', () => {
  const now = Date.parse('2025-06-01T00:00:00.000Z');
  it('passes stamps up to 24 h ahead and names every row and field beyond', () => {
    expect(() => { refuseFutureStamps([{ newDocumentState: { createdAt: iso(now + 24 * HOUR) } }], now); }).not.toThrow();
    const body = [
      { newDocumentState: { createdAt: iso(now), updatedAt: iso(now + 25 * HOUR) } },
      { newDocumentState: { at: iso(now), hlc: packHlc({ ms: now + 48 * HOUR, counter: 0, node: 'D1' }) } },
      { newDocumentState: { resolution: { at: iso(now + 365 * 24 * HOUR) } } },
    ];
    let error: unknown = null;
    try {
      refuseFutureStamps(body, now);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      status: 422,
      code: 'clock.future',
      details: [
        { row: 0, field: 'newDocumentState.updatedAt', message: 'clock.future' },
        { row: 1, field: 'newDocumentState.hlc', message: 'clock.future' },
        { row: 2, field: 'newDocumentState.resolution.at', message: 'clock.future' },
      ],
    });
  });
  it('leaves shapes it does not understand to the collection validation', () => {
    for (const body of [null, {}, [null], [{ newDocumentState: 'x' }], [{ newDocumentState: { createdAt: 'not a date', hlc: 'nope', at: 7 } }]]) {
      expect(() => { refuseFutureStamps(body, 0); }).not.toThrow();
    }
  });
});

describe.each(DB_VARIANTS)('far-future stamps refused on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let a: Author;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'A');
    a = authorOf(hx);
  });
  afterAll(async () => {
    await f.close();
  });

  const expectRefused = (res: LightMyRequestResponse): void => {
    expect(res.statusCode).toBe(422);
    const body = res.json<ApiError>();
    expect(body.error.code).toBe('clock.future');
    expect(body.error.message).toMatch(/ahead of the server clock/);
  };

  it('refuses a person, an audit event and a payment stamped a year ahead; nothing is stored', async () => {
    const yearAhead = iso(Date.now() + 365 * 24 * HOUR);
    const before = { persons: await countDocs(f.db, 'persons'), audit: await countDocs(f.db, 'audit'), payments: await countDocs(f.db, 'payments') };
    const good = makePerson(f.secret, a);
    const future = makePerson(f.secret, a, { updatedAt: yearAhead });
    expectRefused(await push(f.app, hx.token, 'persons', [
      { assumedMasterState: null, newDocumentState: good },
      { assumedMasterState: null, newDocumentState: future },
    ]));
    expectRefused(await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: makeAudit(a, good.id, { at: yearAhead }) }]));
    expectRefused(await push(f.app, hx.token, 'audit', [
      { assumedMasterState: null, newDocumentState: makeAudit(a, good.id, { hlc: packHlc({ ms: Date.now() + 2 * 24 * HOUR, counter: 0, node: a.deviceId }) }) },
    ]));
    expectRefused(await push(f.app, hx.token, 'payments', rowsOf(makeContribution(hx, 1, {}, { createdAt: yearAhead }))));
    expect({ persons: await countDocs(f.db, 'persons'), audit: await countDocs(f.db, 'audit'), payments: await countDocs(f.db, 'payments') }).toEqual(before);
  });

  it('accepts a device a few hours fast, and an HLC-stamped audit event', async () => {
    const p = makePerson(f.secret, a, { updatedAt: iso(Date.now() + 3 * HOUR) });
    expect((await push(f.app, hx.token, 'persons', [{ assumedMasterState: null, newDocumentState: p }])).statusCode).toBe(200);
    const ev = makeAudit(a, p.id, { hlc: packHlc({ ms: Date.now() + 3 * HOUR, counter: 2, node: a.deviceId }) });
    expect((await push(f.app, hx.token, 'audit', [{ assumedMasterState: null, newDocumentState: ev }])).statusCode).toBe(200);
  });
});
