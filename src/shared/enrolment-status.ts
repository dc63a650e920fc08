import { addMonths, compareMonths, isMonth, monthRange, type Month } from './months';
import { PENSION_SCHEMES, SCHEMES, type Scheme } from './policy/schemes';
import type { EnrolmentRecord, EnrolmentStatus } from './records';
import { err, ok, type Result } from './result';

/**
 * A person's status per scheme, derived from their enrolment records
 * (src/shared/records.ts). Records are immutable and may come from several
 * stations that were offline, so nothing is ever "the stored status": it is
 * computed from all records with one rule (ADR 012):
 *
 * - Timeline order: effectiveMonth, then createdAt, then id (ULID). A later
 *   record in this order supersedes the earlier ones from its month on; two
 *   stations that wrote for the same month are settled by the later write.
 * - The status in force in month M is that of the last record in timeline
 *   order whose effectiveMonth is not after M; 'none' when there is none.
 * - Records with an effectiveMonth after the current month are "scheduled":
 *   listed, but not the current status until their month comes.
 */

/** 'none': never enrolled in the scheme (no record in force). */
export type SchemeStatus = EnrolmentStatus | 'none';

export interface SchemeEnrolment {
  readonly scheme: Scheme;
  /** Status in force in the month asked for. */
  readonly status: SchemeStatus;
  /** First month of that status (the record's effectiveMonth), null for 'none'. */
  readonly since: Month | null;
  readonly current: EnrolmentRecord | null;
  /** Records that take effect after the month asked for, soonest first. */
  readonly scheduled: readonly EnrolmentRecord[];
  /** Every record of the scheme, newest first (reverse timeline order). */
  readonly history: readonly EnrolmentRecord[];
  /**
   * A scheme that excludes this one (PENSION_SCHEMES) and is active in the
   * same month too. Only records written offline at two stations can get
   * there (checkStatusChange refuses it); the clerk must settle it.
   */
  readonly exclusiveWith: Scheme | null;
}

/** What a clerk asks for: the status of one scheme from a month on. */
export interface StatusChange {
  readonly scheme: Scheme;
  readonly status: EnrolmentStatus;
  readonly effectiveMonth: Month;
  readonly reason: string | null;
}

/**
 * Allowed moves (DOMAIN.md §3, §7): the first record is 参保登记 (active);
 * closed (终止) is final; a transferred-out relationship can come back
 * (转入) or be closed; lapsed (断缴) and suspended (暂停) resume as active.
 */
const NEXT: Readonly<Record<EnrolmentStatus, readonly EnrolmentStatus[]>> = {
  active: ['lapsed', 'suspended', 'transferred_out', 'closed'],
  lapsed: ['active', 'suspended', 'transferred_out', 'closed'],
  suspended: ['active', 'lapsed', 'transferred_out', 'closed'],
  transferred_out: ['active', 'closed'],
  closed: [],
};

/** The statuses a scheme may move to from `from` ('none': only 参保登记, active). */
export function nextStatuses(from: SchemeStatus): readonly EnrolmentStatus[] {
  return from === 'none' ? ['active'] : NEXT[from];
}

/** How far ahead a change may be dated (a planned suspension, a transfer agreed for next year). */
export const MAX_MONTHS_AHEAD = 12;

export function compareTimeline(a: EnrolmentRecord, b: EnrolmentRecord): number {
  return compareMonths(a.effectiveMonth, b.effectiveMonth) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The scheme's records in timeline order (oldest first). */
export function timeline(records: readonly EnrolmentRecord[], scheme: Scheme): EnrolmentRecord[] {
  return records.filter((r) => r.scheme === scheme).sort(compareTimeline);
}

/** The record in force in `month` for the scheme, or null (never enrolled by then). */
export function recordInForce(records: readonly EnrolmentRecord[], scheme: Scheme, month: Month): EnrolmentRecord | null {
  let found: EnrolmentRecord | null = null;
  for (const r of timeline(records, scheme)) {
    if (compareMonths(r.effectiveMonth, month) > 0) break;
    found = r;
  }
  return found;
}

export function statusIn(records: readonly EnrolmentRecord[], scheme: Scheme, month: Month): SchemeStatus {
  return recordInForce(records, scheme, month)?.status ?? 'none';
}

/** The other schemes that may not be active in the same months as `scheme`. */
export function exclusiveOf(scheme: Scheme): Scheme[] {
  return PENSION_SCHEMES.includes(scheme) ? PENSION_SCHEMES.filter((s) => s !== scheme) : [];
}

/** One view per scheme (SCHEMES order) of one person's records, as of `month` (normally the current month). */
export function enrolmentViews(records: readonly EnrolmentRecord[], month: Month): SchemeEnrolment[] {
  return SCHEMES.map((scheme) => {
    const line = timeline(records, scheme);
    const current = recordInForce(line, scheme, month);
    const status = current?.status ?? 'none';
    const exclusiveWith = status === 'active' ? (exclusiveOf(scheme).find((o) => statusIn(records, o, month) === 'active') ?? null) : null;
    return {
      scheme,
      status,
      since: current?.effectiveMonth ?? null,
      current,
      scheduled: line.filter((r) => compareMonths(r.effectiveMonth, month) > 0),
      history: [...line].reverse(),
      exclusiveWith,
    };
  });
}

/** Months of [from, to] in which the person is not active in the scheme (for the payment form's warning). */
export function monthsNotActive(records: readonly EnrolmentRecord[], scheme: Scheme, from: Month, to: Month): Month[] {
  if (!isMonth(from) || !isMonth(to) || compareMonths(from, to) > 0) return [];
  const out: Month[] = [];
  for (const m of monthRange(from, to)) if (statusIn(records, scheme, m) !== 'active') out.push(m);
  return out;
}

/**
 * Whether a new record may be written, given the person's records and the
 * current month. Codes (errors.<code>):
 * - month.format; enrolment.futureMonth {max}: more than MAX_MONTHS_AHEAD ahead;
 * - field.required {field: 'reason'}: every status but active needs a reason
 *   (transferred_out: where to; suspended: why…);
 * - enrolment.monthOrder {latest}: before the scheme's latest record; the
 *   history is only ever extended, never rewritten in the middle;
 * - enrolment.notEnrolled: the first record of a scheme must be active (参保登记);
 * - enrolment.closed: the relationship was closed (终止), which is final;
 * - enrolment.sameStatus: the status in force already is the one asked for;
 * - enrolment.transition {from, to}: a move NEXT does not allow;
 * - enrolment.exclusive {other}: becoming active while a scheme that excludes
 *   this one is active from that month on (suspend or transfer it first).
 */
export function checkStatusChange(records: readonly EnrolmentRecord[], change: StatusChange, currentMonth: Month): Result<void> {
  const { scheme, status, effectiveMonth } = change;
  if (!isMonth(effectiveMonth)) return err('month.format', { field: 'effectiveMonth' });
  const max = addMonths(currentMonth, MAX_MONTHS_AHEAD);
  if (compareMonths(effectiveMonth, max) > 0) return err('enrolment.futureMonth', { max, field: 'effectiveMonth' });
  if (status !== 'active' && (change.reason ?? '').trim() === '') return err('field.required', { field: 'reason' });
  const line = timeline(records, scheme);
  const latest = line.at(-1);
  if (!latest) {
    if (status !== 'active') return err('enrolment.notEnrolled');
  } else {
    if (latest.status === 'closed') return err('enrolment.closed');
    if (compareMonths(effectiveMonth, latest.effectiveMonth) < 0) return err('enrolment.monthOrder', { latest: latest.effectiveMonth, field: 'effectiveMonth' });
    if (latest.status === status) return err('enrolment.sameStatus');
    if (!NEXT[latest.status].includes(status)) return err('enrolment.transition', { from: latest.status, to: status });
  }
  if (status === 'active') {
    for (const other of exclusiveOf(scheme)) if (activeFrom(records, other, effectiveMonth)) return err('enrolment.exclusive', { other });
  }
  return ok(undefined);
}

/** Whether the scheme is active in `month` or becomes active in any later month. */
function activeFrom(records: readonly EnrolmentRecord[], scheme: Scheme, month: Month): boolean {
  if (statusIn(records, scheme, month) === 'active') return true;
  return timeline(records, scheme).some((r) => compareMonths(r.effectiveMonth, month) > 0 && r.status === 'active');
}
