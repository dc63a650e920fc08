import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A per-device wall clock inside one Node process, with no change to src/.
 *
 * Both devices' data layers run in the runner's process, so a device's
 * clock cannot be one global Date. Instead `Date` is replaced once by a
 * subclass whose `now()` and argument-less constructor add the offset of
 * the current async context, and every call into a device's data layer
 * runs inside that device's context (AsyncLocalStorage): its timers,
 * promise continuations, replication loops and fetches inherit it, so
 * `nowIso()`, the ULID time part (src/shared/ids.ts), `todayInChina()`
 * and the receipt year read the device's clock. Outside any device
 * (proxy, scenario, server in its own process) the offset is 0.
 *
 * Known approximations, harmless to what is checked: ULIDs come from ONE
 * monotonic factory per process, so after the fast device made an id the
 * other device's ids carry that later time until real time catches up;
 * RxDB's own `now()` (document `_meta.lwt`) is monotonic per process too.
 */
const clock = new AsyncLocalStorage<{ readonly offsetMs: number }>();
let installed = false;

export function installDeviceClocks(): void {
  if (installed) return;
  installed = true;
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = (): number => realNow() + (clock.getStore()?.offsetMs ?? 0);
  class DeviceDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return now();
    }
  }
  globalThis.Date = DeviceDate as DateConstructor;
}

/** Runs `fn` (and everything it schedules) on a clock `offsetMs` away from the machine's. */
export function onClock<T>(offsetMs: number, fn: () => T): T {
  return clock.run({ offsetMs }, fn);
}

/**
 * The object tree of a data layer (api.persons.register, api.sync.syncNow…)
 * with every method call run on the device's clock. Only methods are
 * wrapped; what they return (promises, observables) is passed through.
 */
export function onDeviceClock<T extends object>(target: T, offsetMs: () => number): T {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(obj, key) {
      const value: unknown = Reflect.get(obj, key, obj);
      if (typeof value === 'function') {
        const fn = value as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => onClock(offsetMs(), () => fn.apply(obj, args));
      }
      // Nested repositories (plain objects), not observables: their subscribe runs where it is called.
      if (value !== null && typeof value === 'object' && !('subscribe' in value)) {
        let wrapped = cache.get(key);
        if (wrapped === undefined) {
          wrapped = onDeviceClock(value, offsetMs);
          cache.set(key, wrapped);
        }
        return wrapped;
      }
      return value;
    },
  });
}
