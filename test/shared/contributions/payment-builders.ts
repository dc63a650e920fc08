import { calculateContribution } from '../../../src/shared/contributions/contribution-calc';
import type { OwedTopUp } from '../../../src/shared/contributions/top-up-worklist';
import { paymentSchema, type Payment } from '../../../src/shared/payment';
import type { PolicyPack } from '../../../src/shared/policy/pack-schema';
import type { Scheme } from '../../../src/shared/policy/schemes';
import { TIANJIN } from '../policy/packs';

/** Person keys are 'p' + 32 hex digits (PERSON_KEY_PATTERN). */
export const PERSON_A = `p${'a'.repeat(32)}`;
export const PERSON_B = `p${'b'.repeat(32)}`;

let seq = 0;
/** Deterministic ULID-shaped ids and increasing creation times, so "earliest original" is well defined. */
function nextId(): { id: string; createdAt: string } {
  seq++;
  const id = `01J${String(seq).padStart(23, '0')}`;
  const createdAt = new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString();
  return { id, createdAt };
}

const base = {
  regionCode: TIANJIN, method: 'cash' as const, channel: 'window' as const, reason: null, approvedBy: null,
  stationId: 'ST-HX01', deviceId: 'DEV-1', staffId: 'S-WANG', _deleted: false as const,
};

/** A window contribution computed by the shared calculator over `packs` (the packs the device had that day). */
export function contribution(personId: string, scheme: Scheme, fromMonth: string, toMonth: string, baseFen: number, packs: readonly PolicyPack[]): Payment {
  const r = calculateContribution({ scheme, regionCode: TIANJIN, fromMonth, toMonth, baseFen }, packs);
  if (!r.ok) throw new Error(`contribution refused: ${r.code}`);
  const lines = r.value.lines.map(({ scheme: _s, regionCode: _r, ...l }) => l);
  return paymentSchema.parse({
    ...base, ...nextId(), kind: 'contribution', personId, scheme, fromMonth, toMonth, lines,
    totalFen: r.value.totalFen, paidFen: r.value.dueNowFen, receiptNo: `R${String(seq)}`, refId: null,
  });
}

/** The top_up record a device writes for what one original owes. */
export function topUpRecord(owed: OwedTopUp): Payment {
  const fromMonth = owed.lines[0]?.fromMonth ?? null;
  const toMonth = owed.lines[owed.lines.length - 1]?.toMonth ?? null;
  return paymentSchema.parse({
    ...base, ...nextId(), kind: 'top_up', personId: owed.personId, scheme: owed.scheme, fromMonth, toMonth, lines: owed.lines,
    totalFen: owed.totalFen, paidFen: owed.totalFen, receiptNo: `R${String(seq)}`, refId: owed.refId,
  });
}

/** A reversal or refund of `original` (lines repeat the original's, as the schema says). */
export function correction(kind: 'reversal' | 'refund', original: Payment): Payment {
  return paymentSchema.parse({
    ...base, ...nextId(), kind, personId: original.personId, scheme: original.scheme, fromMonth: original.fromMonth, toMonth: original.toMonth,
    lines: original.lines, totalFen: original.totalFen, paidFen: original.paidFen, receiptNo: null, refId: original.id,
    reason: '录入错误', approvedBy: 'S-LI',
  });
}

/** A declaration (申报) of the same months, paid through the tax channel, and optionally its confirmation. */
export function declaration(personId: string, fromMonth: string, toMonth: string, baseFen: number, packs: readonly PolicyPack[]): Payment {
  const p = contribution(personId, 'employee_pension', fromMonth, toMonth, baseFen, packs);
  return paymentSchema.parse({ ...p, channel: 'declared', method: null, receiptNo: null });
}

export function confirmation(of: Payment): Payment {
  return paymentSchema.parse({
    ...base, ...nextId(), kind: 'confirmation', personId: of.personId, scheme: of.scheme, fromMonth: null, toMonth: null, lines: [],
    totalFen: 0, paidFen: 0, method: null, channel: 'declared', receiptNo: null, refId: of.id, staffId: 'centre',
  });
}
