/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014):
 * a stamp is (physical ms, counter, node). It never goes backwards on one
 * node, it is never behind a stamp the node has received, and it stays
 * within the clock's drift bound of physical time. DESIGN.md §4: device
 * clocks are wrong in the field, so audit events are ordered by this and
 * not by their wall-clock `at`; sync checkpoints still come from the
 * server's sequence (ADR 002), never from any clock.
 *
 * Packed form: `PPPPPPPPPPPPPPP-CCCCC-node` (15-digit ms, 5-digit counter,
 * node id), so plain string order is stamp order (ties broken by node).
 */
export interface Hlc {
  /** Physical part: Unix ms, the largest physical time this node has seen. */
  readonly ms: number;
  /** Orders events within one ms. */
  readonly counter: number;
  /** Device id (or 'centre'): makes stamps of two nodes unique. */
  readonly node: string;
}

export const HLC_PATTERN = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,40}$/;
export const HLC_COUNTER_MAX = 99_999;
/**
 * A received stamp further ahead of our physical clock than this is
 * refused instead of adopted: one device with a clock a year fast would
 * otherwise drag every clock it syncs with a year ahead. The server
 * refuses documents stamped beyond the same bound (clock.future).
 */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60_000;

export class HlcDriftError extends Error {
  readonly code = 'clock.future';
  constructor(readonly aheadMs: number) {
    super(`received clock stamp is ${aheadMs} ms ahead of the physical clock`);
  }
}

export function packHlc(h: Hlc): string {
  return `${String(h.ms).padStart(15, '0')}-${String(h.counter).padStart(5, '0')}-${h.node}`;
}

/** The stamp, or null when `s` is not a packed HLC. */
export function parseHlc(s: string): Hlc | null {
  if (!HLC_PATTERN.test(s)) return null;
  const [ms, counter] = [Number(s.slice(0, 15)), Number(s.slice(16, 21))];
  return { ms, counter, node: s.slice(22) };
}

/** Total order: physical, then counter, then node. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A full counter moves to the next ms: the stamp stays monotonic (and at most 1 ms further from physical time per 100,000 events). */
function bump(ms: number, counter: number, node: string): Hlc {
  return counter > HLC_COUNTER_MAX ? { ms: ms + 1, counter: 0, node } : { ms, counter, node };
}

/** Send / local event rule: l' = max(l, pt); the counter grows only while l' stays put. */
export function tickHlc(last: Hlc | null, nowMs: number, node: string): Hlc {
  const pt = Math.floor(nowMs);
  if (last === null || pt > last.ms) return { ms: pt, counter: 0, node };
  return bump(last.ms, last.counter + 1, node);
}

/**
 * Receive rule: l' = max(l, lm, pt), the counter after the larger of the
 * stamps that share l'. Throws HlcDriftError (nothing adopted) when the
 * received stamp is more than `maxDriftMs` ahead of physical time.
 */
export function receiveHlc(last: Hlc | null, remote: Hlc, nowMs: number, node: string, maxDriftMs = HLC_MAX_DRIFT_MS): Hlc {
  const pt = Math.floor(nowMs);
  if (remote.ms - pt > maxDriftMs) throw new HlcDriftError(remote.ms - pt);
  const l = last?.ms ?? -1;
  const ms = Math.max(l, remote.ms, pt);
  if (ms === l && ms === remote.ms) return bump(ms, Math.max(last?.counter ?? 0, remote.counter) + 1, node);
  if (ms === l) return bump(ms, (last?.counter ?? 0) + 1, node);
  if (ms === remote.ms) return bump(ms, remote.counter + 1, node);
  return { ms, counter: 0, node };
}

export interface HlcClock {
  /** A stamp for a local event (or a message sent). */
  tick(): string;
  /** Merges a received packed stamp; throws HlcDriftError for a far-future one and 'hlc.format' for garbage. */
  receive(stamp: string): string;
  /** The last stamp issued, or null. */
  last(): string | null;
}

/** One node's clock. `now` is injectable so tests can run a wrong or jumping physical clock. */
export function createHlcClock(node: string, now: () => number = Date.now, maxDriftMs = HLC_MAX_DRIFT_MS): HlcClock {
  let last: Hlc | null = null;
  return {
    tick() {
      last = tickHlc(last, now(), node);
      return packHlc(last);
    },
    receive(stamp) {
      const remote = parseHlc(stamp);
      if (remote === null) throw new Error('hlc.format');
      last = receiveHlc(last, remote, now(), node, maxDriftMs);
      return packHlc(last);
    },
    last: () => (last === null ? null : packHlc(last)),
  };
}

/** The physical part of a packed stamp in ms, or null when it is not one (for the server's far-future check). */
export function hlcMs(stamp: string): number | null {
  return parseHlc(stamp)?.ms ?? null;
}
