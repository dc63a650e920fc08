import { createHlcClock, packHlc, type HlcClock } from '../../shared/hlc';
import type { LocalStore } from './database';

/** This device's hybrid logical clock (src/shared/hlc.ts), one per device id. */
export interface DeviceHlc {
  /** A stamp for a local event. */
  stamp(): string;
  /**
   * The server's time as measured at sync start: the clock adopts it when it
   * is ahead, so a device whose clock is slow still stamps after the centre.
   * The server is trusted here, so no drift bound applies.
   */
  observeServerTime(serverMs: number): void;
}

/** Before enrolment there is no device id; stamps then carry this node name. */
const UNENROLLED = 'unenrolled';

export function createDeviceHlc(deviceId: () => string | null, now: () => number = Date.now): DeviceHlc {
  let clock: HlcClock | null = null;
  let node = '';
  const current = (): HlcClock => {
    const id = deviceId() ?? UNENROLLED;
    if (clock === null || id !== node) {
      // A new node id starts a new clock, but never behind the old one's last stamp.
      const previous = clock?.last() ?? null;
      node = id;
      // No drift bound: this clock receives only its own stamps and the server's time.
      clock = createHlcClock(id, now, Number.POSITIVE_INFINITY);
      if (previous !== null) clock.receive(previous);
    }
    return clock;
  };
  return {
    stamp: () => current().tick(),
    observeServerTime(serverMs) {
      current().receive(packHlc({ ms: Math.floor(serverMs), counter: 0, node: 'centre' }));
    },
  };
}

/**
 * Stamps every audit event this device writes with an HLC, in one place:
 * the repositories that append audit events (persons, payments, enrolments,
 * corrections, top-ups…) need not know about it. Pulled events do not pass
 * through collection hooks (the replication writes to storage directly), so
 * an event keeps the stamp of the device that wrote it.
 */
export function stampAuditEvents(store: LocalStore, hlc: DeviceHlc): void {
  store.audit.preInsert((doc) => {
    doc.hlc ??= hlc.stamp();
  }, false);
}
