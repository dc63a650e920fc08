import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, createHlcClock, HLC_MAX_DRIFT_MS, HlcDriftError, packHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../src/shared/hlc';

const T0 = Date.parse('2025-06-01T00:00:00.000Z');
const node = fc.constantFrom('D1', 'D2', 'centre');
/** A physical clock that may jump back and forth by up to a day between events. */
const jumps = fc.array(fc.integer({ min: -86_400_000, max: 86_400_000 }), { minLength: 1, maxLength: 60 });

type Step = { kind: 'tick'; dt: number } | { kind: 'recv'; dt: number; remoteOffset: number; counter: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: -5_000, max: 5_000 }) }),
  fc.record({
    kind: fc.constant('recv' as const),
    dt: fc.integer({ min: -5_000, max: 5_000 }),
    remoteOffset: fc.integer({ min: -HLC_MAX_DRIFT_MS, max: HLC_MAX_DRIFT_MS }),
    counter: fc.integer({ min: 0, max: 99_999 }),
  }),
);

describe('hybrid logical clock (properties)', () => {
  it('packs and parses losslessly, and string order is stamp order', () => {
    const hlc = fc.record({ ms: fc.integer({ min: 0, max: 999_999_999_999_999 }), counter: fc.integer({ min: 0, max: 99_999 }), node });
    fc.assert(
      fc.property(hlc, hlc, (a: Hlc, b: Hlc) => {
        expect(parseHlc(packHlc(a))).toEqual(a);
        const byString = packHlc(a) < packHlc(b) ? -1 : packHlc(a) > packHlc(b) ? 1 : 0;
        expect(byString).toBe(compareHlc(a, b));
      }),
    );
  });

  it('is strictly monotonic on one node whatever the physical clock does', () => {
    fc.assert(
      fc.property(jumps, (dts) => {
        let now = T0;
        const clock = createHlcClock('D1', () => now);
        let prev = '';
        for (const dt of dts) {
          now += dt;
          const s = clock.tick();
          expect(s > prev).toBe(true);
          prev = s;
        }
      }),
    );
  });

  it('never falls behind a received stamp, stays monotonic, and stays within the drift bound of the highest physical time seen', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        let now = T0;
        let maxPt = now;
        let last: Hlc | null = null;
        for (const s of steps) {
          now += s.dt;
          maxPt = Math.max(maxPt, now);
          let next: Hlc;
          if (s.kind === 'tick') {
            next = tickHlc(last, now, 'D1');
          } else {
            const remote: Hlc = { ms: now + s.remoteOffset, counter: s.counter, node: 'D2' };
            next = receiveHlc(last, remote, now, 'D1');
            expect(compareHlc(next, remote)).toBeGreaterThan(0);
          }
          if (last) expect(compareHlc(next, last)).toBeGreaterThan(0);
          expect(next.ms).toBeGreaterThanOrEqual(now);
          // Bounded drift: the stamp leads the largest physical time seen by at most the bound (+1 ms per counter overflow).
          expect(next.ms - maxPt).toBeLessThanOrEqual(HLC_MAX_DRIFT_MS + 1);
          last = next;
        }
      }),
    );
  });

  it('refuses a received stamp beyond the drift bound and keeps its state', () => {
    fc.assert(
      fc.property(fc.integer({ min: HLC_MAX_DRIFT_MS + 1, max: 10 * 365 * 86_400_000 }), (ahead) => {
        const clock = createHlcClock('D1', () => T0);
        const before = clock.tick();
        expect(() => clock.receive(packHlc({ ms: T0 + ahead, counter: 0, node: 'D2' }))).toThrow(HlcDriftError);
        expect(clock.last()).toBe(before);
      }),
    );
  });

  it('moves to the next ms when the counter is full instead of overflowing', () => {
    const full: Hlc = { ms: T0, counter: 99_999, node: 'D1' };
    const next = tickHlc(full, T0 - 10, 'D1');
    expect(next).toEqual({ ms: T0 + 1, counter: 0, node: 'D1' });
    expect(packHlc(next) > packHlc(full)).toBe(true);
    expect(() => createHlcClock('D1').receive('garbage')).toThrow('hlc.format');
  });
});
