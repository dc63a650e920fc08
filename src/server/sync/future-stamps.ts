import { hlcMs, HLC_MAX_DRIFT_MS } from '../../shared/hlc';
import { ApiHttpError, type FieldIssue } from '../http/api-error';

/**
 * How far ahead of the centre's clock a device's stamp may be. A device
 * whose clock runs a day or more fast would write "future" records that
 * sort after everything real, pass close-out days that have not come, and
 * drag other clocks along (hlc.ts): the centre refuses them instead, the
 * device keeps them and shows the staff why (DESIGN.md §4, ADR 019).
 */
export const FUTURE_LIMIT_MS = HLC_MAX_DRIFT_MS;

/** Top-level stamps of every pushable document kind: persons (createdAt/updatedAt), audit (at), payments and records (createdAt), any `hlc`. */
const STAMP_KEYS = ['createdAt', 'updatedAt', 'at', 'hlc'] as const;
/** Nested objects whose stamps count too (a conflict's resolution, a person's deactivation). */
const NESTED_KEYS = ['resolution', 'deactivation'] as const;

function stampMs(key: string, value: unknown): number | null {
  if (typeof value !== 'string') return null;
  if (key === 'hlc') return hlcMs(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function collect(doc: Record<string, unknown>, prefix: string, out: Array<{ field: string; ms: number }>): void {
  for (const key of STAMP_KEYS) {
    const ms = stampMs(key, doc[key]);
    if (ms !== null) out.push({ field: `${prefix}${key}`, ms });
  }
}

/**
 * Refuses the whole push (422 'clock.future', nothing stored) when any
 * row's new document carries a stamp more than FUTURE_LIMIT_MS ahead of
 * `nowMs`. Runs on the raw body before the collection's own validation;
 * anything that is not a row or not a stamp is left to that validation.
 */
export function refuseFutureStamps(body: unknown, nowMs: number, limitMs = FUTURE_LIMIT_MS): void {
  if (!Array.isArray(body)) return;
  const issues: FieldIssue[] = [];
  let worst = 0;
  body.forEach((row: unknown, index) => {
    const next = row !== null && typeof row === 'object' ? (row as Record<string, unknown>).newDocumentState : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return;
    const doc = next as Record<string, unknown>;
    const stamps: Array<{ field: string; ms: number }> = [];
    collect(doc, 'newDocumentState.', stamps);
    for (const key of NESTED_KEYS) {
      const inner = doc[key];
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) collect(inner as Record<string, unknown>, `newDocumentState.${key}.`, stamps);
    }
    for (const s of stamps) {
      if (s.ms - nowMs > limitMs) {
        worst = Math.max(worst, s.ms - nowMs);
        issues.push({ row: index, field: s.field, message: 'clock.future' });
      }
    }
  });
  if (issues.length === 0) return;
  throw new ApiHttpError(
    422,
    'clock.future',
    `Document(s) stamped ${String(Math.round(worst / 3_600_000))} h ahead of the server clock (limit ${String(limitMs / 3_600_000)} h); nothing was stored. Set the device clock right and sync again.`,
    issues.slice(0, 50),
  );
}
