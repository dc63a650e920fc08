import { CLOCK_SKEW_WARN_MS } from '../sync/clock';

export interface ClockWarning {
  /** The device clock is ahead of (true) or behind (false) the server's. */
  readonly ahead: boolean;
  /** Size of the difference in whole minutes, rounded (at least the warning threshold). */
  readonly minutes: number;
}

/** The warning the status bar shows, or null when the clock is within CLOCK_SKEW_WARN_MS of the server's (or not measured yet). */
export function clockWarning(skewMs: number | null, thresholdMs: number = CLOCK_SKEW_WARN_MS): ClockWarning | null {
  if (skewMs === null || !Number.isFinite(skewMs) || Math.abs(skewMs) <= thresholdMs) return null;
  return { ahead: skewMs > 0, minutes: Math.round(Math.abs(skewMs) / 60_000) };
}
