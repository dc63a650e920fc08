import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clockWarning } from '../../src/renderer/app/clock-warning';
import { openDataApi } from '../../src/renderer/db/open-data-api';
import { CLOCK_SKEW_WARN_MS } from '../../src/renderer/sync/clock';
import { parseHlc } from '../../src/shared/hlc';
import { personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, useTestServer } from './sync-server';

const env = useTestServer(0);
const MIN = 60_000;

describe('clockWarning', () => {
  it('is silent within the threshold and before a measurement', () => {
    expect(clockWarning(null)).toBeNull();
    expect(clockWarning(0)).toBeNull();
    expect(clockWarning(CLOCK_SKEW_WARN_MS)).toBeNull();
    expect(clockWarning(-CLOCK_SKEW_WARN_MS)).toBeNull();
    expect(clockWarning(Number.NaN)).toBeNull();
  });
  it('says ahead or behind, with the difference in minutes', () => {
    expect(clockWarning(CLOCK_SKEW_WARN_MS + 1)).toEqual({ ahead: true, minutes: 5 });
    expect(clockWarning(-(90 * MIN + 20_000))).toEqual({ ahead: false, minutes: 90 });
    expect(clockWarning(366 * 24 * 60 * MIN)).toEqual({ ahead: true, minutes: 527_040 });
  });
});

describe('clock skew against the real server', () => {
  it('measures a device two hours slow, warns, and the hybrid clock stamps after the server time', async () => {
    const offset = -2 * 60 * MIN;
    // The device sees the server's /time two hours later than its own clock: its clock is two hours slow.
    const fetchImpl: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.endsWith('/api/v1/time')) return res;
      const { serverTime } = (await res.json()) as { serverTime: string };
      const shifted = new Date(Date.parse(serverTime) - offset).toISOString();
      return new Response(JSON.stringify({ serverTime: shifted }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const api = env.track(await openDataApi({ dbName: uniqueDbName('clk'), indexedDB: new IDBFactory(), IDBKeyRange, fetchImpl }));
    const session = await api.enrol(env.server().url, 'HX01', DEMO_CODES.HX01, 'slow laptop');
    api.setOperator(session.staff[0]!.id);
    await api.sync.syncNow();
    const skew = await firstValueFrom(api.sync.clockSkewMs$.pipe(filter((s): s is number => s !== null)));
    expect(Math.abs(skew - offset)).toBeLessThan(MIN);
    expect(clockWarning(skew)).toMatchObject({ ahead: false, minutes: 120 });

    const { person } = await api.persons.register(personInput(residentId('12010319700101123'), { name: '钱进' }));
    const [event] = await api.persons.history(person.id);
    const stamp = parseHlc(event!.hlc!);
    expect(stamp?.node).toBe(session.deviceId);
    // The event's wall-clock time is the slow device's; its HLC is not behind the server's time.
    expect(stamp!.ms).toBeGreaterThanOrEqual(Date.parse(event!.at) - offset - MIN);
  });
});
