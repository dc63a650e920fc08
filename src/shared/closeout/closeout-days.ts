import { todayInChina } from '../id-number';
import type { Payment, PaymentKind } from '../payment';
import type { CloseoutRecord } from '../records';

/**
 * Which payment records fall on which working day of a staff member
 * (日结, issue 3 §9). The rule, in order:
 *
 * 1. A record listed in a close-out of its writer falls on that close-out's
 *    day (the earliest one, should two devices ever have listed it): what a
 *    close-out froze never moves.
 * 2. Otherwise its day is the China date (Asia/Shanghai, no DST) of its
 *    createdAt; while the writer has closed that day, it falls on the next
 *    day. So a record that reaches a device after the day was closed (synced
 *    late from another device, or written after the close) lands on the
 *    first open day after it, and a closed day's set never changes.
 *
 * Days are 'YYYY-MM-DD' strings, which sort as dates.
 */

/** Kinds a close-out counts. Confirmations are the centre's word on a declaration, not window work. */
export const CLOSEOUT_KINDS: ReadonlySet<PaymentKind> = new Set<PaymentKind>(['contribution', 'top_up', 'reversal', 'refund', 'void_receipt']);

/** Whose working day: the staff member at one station. */
export interface CloseoutScope {
  readonly stationId: string;
  readonly staffId: string;
}

/** The China calendar date of an ISO instant. */
export const chinaDay = (iso: string): string => todayInChina(new Date(iso));

/** '2025-12-31' → '2026-01-01'. */
export function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${day}`);
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
}

const inScope = (r: { readonly stationId: string; readonly staffId: string }, scope: CloseoutScope): boolean =>
  r.stationId === scope.stationId && r.staffId === scope.staffId;

/** What the scope's close-outs say: which days are closed, and the day each listed record was frozen on. */
export interface ClosedDays {
  /** Closed day → the close-outs of that day (normally one), oldest first. */
  readonly days: ReadonlyMap<string, readonly CloseoutRecord[]>;
  /** Payment id → the earliest closed day that lists it. */
  readonly listed: ReadonlyMap<string, string>;
}

export function closedDaysOf(closeouts: readonly CloseoutRecord[], scope: CloseoutScope): ClosedDays {
  const mine = closeouts
    .filter((c) => inScope(c, scope))
    .sort((a, b) => (a.day === b.day ? (a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt)) : cmp(a.day, b.day)));
  const days = new Map<string, CloseoutRecord[]>();
  const listed = new Map<string, string>();
  for (const c of mine) {
    const list = days.get(c.day);
    if (list) list.push(c);
    else days.set(c.day, [c]);
    for (const id of c.paymentIds) if (!listed.has(id)) listed.set(id, c.day);
  }
  return { days, listed };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The working day a record of the scope falls on (see the rule above). */
export function dayOfPayment(p: Payment, closed: ClosedDays): string {
  const frozen = closed.listed.get(p.id);
  if (frozen !== undefined) return frozen;
  let day = chinaDay(p.createdAt);
  // Terminates: finitely many closed days.
  while (closed.days.has(day)) day = nextDay(day);
  return day;
}

/** Orders a day's records as they were written (createdAt, then id: ULIDs made on one device are monotonic). */
export const byWriteOrder = (a: Payment, b: Payment): number => (a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt));

/** Every counted record of the scope, grouped by the day it falls on; each day's records in write order. */
export function paymentsByDay(payments: readonly Payment[], closeouts: readonly CloseoutRecord[], scope: CloseoutScope): Map<string, Payment[]> {
  const closed = closedDaysOf(closeouts, scope);
  const out = new Map<string, Payment[]>();
  for (const p of payments) {
    if (!CLOSEOUT_KINDS.has(p.kind) || !inScope(p, scope)) continue;
    const day = dayOfPayment(p, closed);
    const list = out.get(day);
    if (list) list.push(p);
    else out.set(day, [p]);
  }
  for (const list of out.values()) list.sort(byWriteOrder);
  return out;
}

/** The scope's records that fall on one day, in write order. */
export function paymentsOfDay(payments: readonly Payment[], closeouts: readonly CloseoutRecord[], scope: CloseoutScope, day: string): Payment[] {
  return paymentsByDay(payments, closeouts, scope).get(day) ?? [];
}
