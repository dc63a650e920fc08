import { canonicalJson } from '../policy/canonical-json';
import type { Payment } from '../payment';
import { CORRECTABLE_KINDS, isCorrection } from './correction-effects';
import { findDoubleCoverage } from './double-coverage';

/** Why a correction may not be stored: an i18n code (errors.<code>) and its params. */
export interface CorrectionProblem {
  readonly code:
    | 'payment.refNotFound'
    | 'payment.notCorrectable'
    | 'payment.refMismatch'
    | 'payment.alreadyCorrected'
    | 'payment.notDouble';
  readonly params?: Record<string, string>;
}

/**
 * The rules a reversal or refund must meet against the records already
 * known (issue 3 §5, §7), shared by the device (before it writes) and the
 * centre (before it stores a pushed one), so both decide the same way:
 *
 * - it points at a contribution or 补差 that exists (payment.refNotFound,
 *   payment.notCorrectable);
 * - it repeats the original exactly: person, scheme, region, months, lines,
 *   total and money returned = money paid (payment.refMismatch), so the
 *   effect is "cancel that record", never a different amount;
 * - no other correction of the same record exists (payment.alreadyCorrected);
 * - a refund returns a record that is in an open double-coverage case
 *   (payment.notDouble): once one of the pair is refunded the case is
 *   settled, so a second station refunding the other record is refused.
 *
 * `known` holds the records of the same person (more is harmless); the
 * candidate itself may be among them and is ignored there. Returns null when
 * the candidate is not a correction. Reviewer approval depends on who the
 * staff are and is checked by the caller.
 */
export function correctionProblem(candidate: Payment, known: readonly Payment[]): CorrectionProblem | null {
  if (!isCorrection(candidate)) return null;
  const others = known.filter((p) => p.id !== candidate.id);
  const target = others.find((p) => p.id === candidate.refId);
  if (!target) return { code: 'payment.refNotFound', params: { refId: candidate.refId } };
  if (!CORRECTABLE_KINDS.has(target.kind)) return { code: 'payment.notCorrectable', params: { kind: target.kind } };
  const same =
    target.personId === candidate.personId &&
    target.scheme === candidate.scheme &&
    target.regionCode === candidate.regionCode &&
    target.fromMonth === candidate.fromMonth &&
    target.toMonth === candidate.toMonth &&
    target.totalFen === candidate.totalFen &&
    target.paidFen === candidate.paidFen &&
    canonicalJson(target.lines) === canonicalJson(candidate.lines);
  if (!same) return { code: 'payment.refMismatch' };
  const rival = others.find((p) => isCorrection(p) && p.refId === candidate.refId);
  if (rival) return { code: 'payment.alreadyCorrected', params: { by: rival.id } };
  if (candidate.kind === 'refund') {
    const open = findDoubleCoverage(others).some((c) => !c.settled && c.records.some((r) => r.paymentId === target.id));
    if (!open) return { code: 'payment.notDouble' };
  }
  return null;
}

/**
 * The correction record that cancels `original` (device side): it repeats
 * the original's person, scheme, months, lines and totals, returns what was
 * paid (paidFen) and takes no receipt number.
 */
export function correctionOf(
  original: Payment,
  c: Pick<Payment, 'id' | 'reason' | 'approvedBy' | 'method' | 'stationId' | 'deviceId' | 'staffId' | 'createdAt'> & { readonly kind: 'reversal' | 'refund' },
): Payment {
  return {
    id: c.id, kind: c.kind, personId: original.personId, scheme: original.scheme, regionCode: original.regionCode,
    fromMonth: original.fromMonth, toMonth: original.toMonth, lines: original.lines, totalFen: original.totalFen, paidFen: original.paidFen,
    method: c.method, channel: original.channel, receiptNo: null, refId: original.id, reason: c.reason, approvedBy: c.approvedBy,
    stationId: c.stationId, deviceId: c.deviceId, staffId: c.staffId, createdAt: c.createdAt, _deleted: false,
  };
}
