import { correctionsByTarget } from '../corrections/correction-effects';
import { monthFromIndex, monthIndex, type Month } from '../months';
import type { Payment } from '../payment';
import type { Scheme } from '../policy/schemes';

/** Months a live contribution covers, for one scheme. */
export interface PaidSpan {
  readonly scheme: Scheme;
  readonly fromMonth: Month;
  readonly toMonth: Month;
}

/** What lapse detection needs of a person's payments in one scheme. */
export interface SchemePaid {
  /** Latest month paid, null when none. */
  readonly lastPaid: Month | null;
  /** Distinct months paid (a month paid twice, e.g. a double payment awaiting its refund, counts once). */
  readonly months: number;
}

/**
 * The spans that count as paid: contributions (window or declared: a
 * declaration is paid through the tax or bank channel and only waits for the
 * centre's word) that no reversal or refund cancels. 补差 (top_up) adds no
 * month, it only raises months already paid. Records in `refused` (the
 * centre refused them) count neither as payments nor as corrections.
 */
export function livePaidSpans(payments: readonly Payment[], refused: ReadonlySet<string> = new Set()): PaidSpan[] {
  const standing = refused.size === 0 ? payments : payments.filter((p) => !refused.has(p.id));
  const corrected = correctionsByTarget(standing);
  const out: PaidSpan[] = [];
  for (const p of standing) {
    if (p.kind !== 'contribution' || corrected.has(p.id)) continue;
    if (p.fromMonth === null || p.toMonth === null) continue;
    out.push({ scheme: p.scheme, fromMonth: p.fromMonth, toMonth: p.toMonth });
  }
  return out;
}

/** Per scheme: last month paid and the number of distinct months (union of the spans). */
export function summarisePaid(spans: readonly PaidSpan[]): Map<Scheme, SchemePaid> {
  const byScheme = new Map<Scheme, Array<[number, number]>>();
  for (const s of spans) {
    const list = byScheme.get(s.scheme) ?? [];
    list.push([monthIndex(s.fromMonth), monthIndex(s.toMonth)]);
    byScheme.set(s.scheme, list);
  }
  const out = new Map<Scheme, SchemePaid>();
  for (const [scheme, list] of byScheme) {
    list.sort((a, b) => a[0] - b[0]);
    let months = 0;
    let end = -1;
    for (const [from, to] of list) {
      const start = Math.max(from, end + 1);
      if (to >= start) months += to - start + 1;
      end = Math.max(end, to);
    }
    out.set(scheme, { lastPaid: end < 0 ? null : monthFromIndex(end), months });
  }
  return out;
}
