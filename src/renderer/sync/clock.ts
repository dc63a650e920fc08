import type { ApiClient } from './http-client';

/** Beyond this difference from the server's clock, the UI warns the staff (DESIGN.md §4: device clocks are wrong in the field). */
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

/**
 * Device clock minus server clock, in ms, from GET /api/v1/time. The
 * request's round trip is halved and credited to the server's side, which
 * is accurate to within that round trip.
 */
export async function measureClockSkew(api: ApiClient, now: () => number = Date.now): Promise<number> {
  const sent = now();
  const { serverTime } = await api.get<{ serverTime: string }>('/time');
  const received = now();
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) throw new Error('bad serverTime');
  return Math.round((sent + received) / 2 - server);
}
