import { compareMonths, maxMonth, minMonth, monthList, type Month } from '../months';
import type { Payment } from '../payment';
import { PENSION_SCHEMES, SCHEMES, type Scheme } from '../policy/schemes';
import { byCreation, correctionsByTarget, stateOfCorrection, type CorrectedState } from './correction-effects';

/** One record of a double-coverage case, with what the user needs to find it (station, device, receipt). */
export interface CoverageRecord {
  readonly paymentId: string;
  readonly scheme: Scheme;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  readonly channel: Payment['channel'];
  readonly receiptNo: string | null;
  readonly stationId: string;
  readonly deviceId: string;
  readonly staffId: string;
  readonly paidFen: number;
  readonly createdAt: string;
  /** The reversal or refund that cancelled this record, if any. */
  readonly correction: { readonly state: CorrectedState; readonly paymentId: string } | null;
}

/**
 * The same person's months paid twice (DOMAIN.md §5): by two records of the
 * same scheme ('sameScheme') or by the two pension schemes that exclude each
 * other ('exclusiveSchemes', employee vs residents' pension).
 */
export interface CoverageCase {
  /** `${earlier.paymentId}:${later.paymentId}`: the same on every device and at the centre. */
  readonly id: string;
  readonly personId: string;
  readonly kind: 'sameScheme' | 'exclusiveSchemes';
  /** The scheme(s) involved, in SCHEMES order (one for sameScheme). */
  readonly schemes: readonly Scheme[];
  /** Months both records cover, ascending. */
  readonly months: readonly Month[];
  /** Earlier record first (createdAt, then id). */
  readonly records: readonly [CoverageRecord, CoverageRecord];
  /** One of the two was refunded or reversed: the person is covered once again. */
  readonly settled: boolean;
  /** The record a refund should return by default: the later one (ADR 013). */
  readonly refundCandidateId: string;
}

/** Kinds that claim months. A 补差 (top_up) adds to an original it names, so it never covers a month twice. */
const claimsMonths = (p: Payment): p is Payment & { fromMonth: Month; toMonth: Month } =>
  p.kind === 'contribution' && p.fromMonth !== null && p.toMonth !== null;

function exclusive(a: Scheme, b: Scheme): boolean {
  return a !== b && PENSION_SCHEMES.includes(a) && PENSION_SCHEMES.includes(b);
}

function toRecord(p: Payment & { fromMonth: Month; toMonth: Month }, correction: CoverageRecord['correction']): CoverageRecord {
  return {
    paymentId: p.id, scheme: p.scheme, fromMonth: p.fromMonth, toMonth: p.toMonth, channel: p.channel, receiptNo: p.receiptNo,
    stationId: p.stationId, deviceId: p.deviceId, staffId: p.staffId, paidFen: p.paidFen, createdAt: p.createdAt, correction,
  };
}

/**
 * Every pair of contribution records (window payments and declarations
 * awaiting confirmation alike: both claim their months) of the same person
 * whose months overlap, in the same scheme or in two pension schemes that
 * exclude each other. Records are compared in pairs: three payments of one
 * month make three cases, and refunding one of them settles the two cases
 * it is in while the third stays open. Pairs where a record was already
 * corrected are returned as settled, so both stations can show the outcome.
 *
 * Pass what the caller knows to be real: a device leaves out its own records
 * the centre refused (they never happened). Sorted by person, then case id.
 */
export function findDoubleCoverage(payments: readonly Payment[]): CoverageCase[] {
  const corrections = correctionsByTarget(payments);
  const byPerson = new Map<string, Array<Payment & { fromMonth: Month; toMonth: Month }>>();
  for (const p of payments) {
    if (!claimsMonths(p)) continue;
    const list = byPerson.get(p.personId) ?? [];
    list.push(p);
    byPerson.set(p.personId, list);
  }
  const cases: CoverageCase[] = [];
  for (const [personId, list] of byPerson) {
    list.sort(byCreation);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (!a || !b || a.id === b.id) continue;
        const same = a.scheme === b.scheme;
        if (!same && !exclusive(a.scheme, b.scheme)) continue;
        const from = maxMonth(a.fromMonth, b.fromMonth);
        const to = minMonth(a.toMonth, b.toMonth);
        if (compareMonths(from, to) > 0) continue;
        const corr = (p: Payment): CoverageRecord['correction'] => {
          const c = corrections.get(p.id);
          return c ? { state: stateOfCorrection(c.kind), paymentId: c.id } : null;
        };
        const ra = toRecord(a, corr(a));
        const rb = toRecord(b, corr(b));
        cases.push({
          id: `${a.id}:${b.id}`,
          personId,
          kind: same ? 'sameScheme' : 'exclusiveSchemes',
          schemes: same ? [a.scheme] : [a.scheme, b.scheme].sort((x, y) => SCHEMES.indexOf(x) - SCHEMES.indexOf(y)),
          months: monthList(from, to),
          records: [ra, rb],
          settled: ra.correction !== null || rb.correction !== null,
          refundCandidateId: b.id,
        });
      }
    }
  }
  return cases.sort((x, y) => (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Cases still to settle. */
export const openCases = (cases: readonly CoverageCase[]): CoverageCase[] => cases.filter((c) => !c.settled);
