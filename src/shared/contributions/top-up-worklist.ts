import type { Fen } from '../money/fen';
import { compareMonths, monthIndex, monthInSpan, type Month } from '../months';
import type { Payment, PaymentLine } from '../payment';
import type { PolicyPack } from '../policy/pack-schema';
import type { Scheme } from '../policy/schemes';
import { computeTopUp, type PaidLine, type TopUpItem } from './top-up';

/**
 * 补差 over recorded payments (issue 3 §6, ADR 014). computeTopUp knows
 * months and packs; this file knows payment records: which ones still count
 * (live), which original contribution each owed month belongs to, and how
 * the owed months become the lines of a top_up record that the centre's
 * checkTopUp (src/server/sync/payment-amounts.ts) accepts.
 */

/** Ids of records cancelled by a reversal or settled by a refund (both point at the original with refId). */
export function correctedIds(payments: readonly Payment[]): Set<string> {
  const out = new Set<string>();
  for (const p of payments) if ((p.kind === 'reversal' || p.kind === 'refund') && p.refId !== null) out.add(p.refId);
  return out;
}

/**
 * Money records that still stand: contributions and top-ups with no
 * reversal or refund pointing at them and not in `excluded` (records the
 * centre refused or replaced: they never became money).
 */
export function livePayments(payments: readonly Payment[], excluded: ReadonlySet<string> = new Set()): Payment[] {
  const corrected = correctedIds(payments);
  return payments.filter((p) => (p.kind === 'contribution' || p.kind === 'top_up') && !corrected.has(p.id) && !excluded.has(p.id));
}

/** What one original contribution owes: it becomes one top_up record with refId = `refId`. */
export interface OwedTopUp {
  readonly personId: string;
  readonly scheme: Scheme;
  readonly regionCode: string;
  /** The original contribution the months were paid by. */
  readonly refId: string;
  readonly items: readonly TopUpItem[];
  /** The top_up record's lines: runs of months with the same figures (at most TOP_UP_MAX_LINES per record). */
  readonly lines: readonly PaymentLine[];
  readonly totalFen: Fen;
  readonly personalAccountFen: Fen;
}

export interface PersonOwed {
  readonly personId: string;
  readonly topUps: readonly OwedTopUp[];
  /** Distinct months that owe, any scheme, in order. */
  readonly months: readonly Month[];
  readonly totalFen: Fen;
}

const paidLinesOf = (p: Payment): PaidLine[] =>
  p.lines.map((l) => ({ scheme: p.scheme, regionCode: p.regionCode, fromMonth: l.fromMonth, toMonth: l.toMonth, baseFen: l.baseFen, packVersion: l.packVersion }));

const byCreation = (a: Payment, b: Payment): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Turns owed months into top_up lines. Consecutive months with identical
 * figures share one line; its amounts are the sums of the per-month
 * amounts, each rounded once (DOMAIN.md §5), so merging never changes the
 * money. A line's base is the floor the months are raised to and its pack
 * the one that raised it: computeTopUp then reads the month as settled.
 */
export function topUpLines(items: readonly TopUpItem[]): PaymentLine[] {
  const sorted = [...items].filter((i) => i.owedFen > 0).sort((a, b) => compareMonths(a.month, b.month));
  const lines: PaymentLine[] = [];
  let prev: TopUpItem | null = null;
  for (const i of sorted) {
    const last = lines[lines.length - 1];
    const same =
      prev !== null && monthIndex(i.month) === monthIndex(prev.month) + 1 && i.newPackVersion === prev.newPackVersion &&
      i.newFloorFen === prev.newFloorFen && i.owedFen === prev.owedFen && i.personalAccountFen === prev.personalAccountFen &&
      i.rate.num === prev.rate.num && i.rate.den === prev.rate.den;
    if (same && last) {
      lines[lines.length - 1] = {
        ...last, toMonth: i.month, months: last.months + 1, totalFen: last.totalFen + i.owedFen,
        personalAccountFen: last.personalAccountFen + i.personalAccountFen, pooledFen: last.pooledFen + i.pooledFen,
        personFen: last.personFen + i.owedFen, dueNowFen: last.dueNowFen + i.owedFen,
      };
    } else {
      lines.push({
        packVersion: i.newPackVersion, fromMonth: i.month, toMonth: i.month, months: 1, baseFen: i.newFloorFen, rate: i.rate, gradeId: null,
        totalFen: i.owedFen, personalAccountFen: i.personalAccountFen, pooledFen: i.pooledFen, subsidyFen: 0, personFen: i.owedFen,
        dueNowFen: i.owedFen, subsidyPayment: null,
      });
    }
    prev = i;
  }
  return lines;
}

/**
 * What one person owes, one entry per original contribution (ADR 014).
 * `payments` are the person's records of every kind. A month owes when a
 * live contribution paid it below the floor of a newer pack whose rule is
 * 'raise_to_floor'; live top-ups count as paid at the floor they raised the
 * month to, so a settled month never owes twice, and a reversed or refunded
 * top-up owes again. Each owed month belongs to the earliest live
 * contribution (by createdAt, then id) of its scheme that covers it.
 */
export function personTopUps(payments: readonly Payment[], packs: readonly PolicyPack[], excluded: ReadonlySet<string> = new Set()): OwedTopUp[] {
  const live = livePayments(payments, excluded);
  const originals = live.filter((p) => p.kind === 'contribution').sort(byCreation);
  if (originals.length === 0) return [];
  const result = computeTopUp(live.flatMap(paidLinesOf), packs);
  const byOriginal = new Map<string, TopUpItem[]>();
  for (const item of result.items) {
    if (item.owedFen <= 0) continue;
    const original = originals.find(
      (p) => p.scheme === item.scheme && p.regionCode === item.regionCode && p.lines.some((l) => l.baseFen !== null && monthInSpan(item.month, l.fromMonth, l.toMonth)),
    );
    // A month only a top-up covers (its original reversed) owes nothing: there is no contribution to top up.
    if (!original) continue;
    const list = byOriginal.get(original.id);
    if (list) list.push(item);
    else byOriginal.set(original.id, [item]);
  }
  const out: OwedTopUp[] = [];
  for (const p of originals) {
    const items = byOriginal.get(p.id);
    if (!items) continue;
    out.push({
      personId: p.personId, scheme: p.scheme, regionCode: p.regionCode, refId: p.id, items, lines: topUpLines(items),
      totalFen: items.reduce((s, i) => s + i.owedFen, 0), personalAccountFen: items.reduce((s, i) => s + i.personalAccountFen, 0),
    });
  }
  return out;
}

/**
 * Everyone who owes 补差, from all payment records the device holds (every
 * kind, any person), largest amount first, then by person id. Records are
 * grouped by person first, so the cost is one computeTopUp per person.
 */
export function topUpWorklist(payments: readonly Payment[], packs: readonly PolicyPack[], excluded: ReadonlySet<string> = new Set()): PersonOwed[] {
  const byPerson = new Map<string, Payment[]>();
  for (const p of payments) {
    const own = byPerson.get(p.personId);
    if (own) own.push(p);
    else byPerson.set(p.personId, [p]);
  }
  const out: PersonOwed[] = [];
  for (const [personId, own] of byPerson) {
    if (!own.some((p) => p.kind === 'contribution')) continue;
    const topUps = personTopUps(own, packs, excluded);
    if (topUps.length === 0) continue;
    const months = [...new Set(topUps.flatMap((t) => t.items.map((i) => i.month)))].sort(compareMonths);
    out.push({ personId, topUps, months, totalFen: topUps.reduce((s, t) => s + t.totalFen, 0) });
  }
  return out.sort((a, b) => b.totalFen - a.totalFen || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

/** Lines per payment record (paymentSchema allows 24): a longer run of owed months is split into several records with the same refId. */
export const TOP_UP_MAX_LINES = 24;
