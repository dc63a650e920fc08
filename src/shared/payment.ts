import { z } from 'zod';
import { ratioSchema } from './money/ratio';
import { MONTH_PATTERN } from './months';
import { isoDateTime, shortId } from './person';
import { PERSON_KEY_PATTERN } from './person-key';
import { SCHEMES } from './policy/schemes';

/**
 * The money record (DOMAIN.md §5, issue 3). A payment document is immutable
 * once written: the device never edits it and the server never overwrites it.
 * Everything that happens to money later is a NEW document in the same
 * collection that points at the original (`refId`):
 *
 * - contribution: money taken at the window (or declared, see `channel`);
 * - top_up: 补差 — the difference owed after a later pack raised the floor;
 * - reversal: cancels an original entirely (reason + reviewer approval);
 * - refund: 退费 of a double payment (reason + reviewer approval);
 * - confirmation: the centre confirms a declared payment (server-written);
 * - void_receipt: a spoiled receipt number, kept so the serial is never reused.
 *
 * A payment's effective state is derived from the records that point at it,
 * so no record ever needs to change and sync never has to merge money.
 */
export const PAYMENT_KINDS = ['contribution', 'top_up', 'reversal', 'refund', 'confirmation', 'void_receipt'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_METHODS = ['cash', 'bank_card', 'mobile', 'bank_deduction'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * window: the station took the money and issued a receipt.
 * declared: the station recorded a declaration (申报); the person pays
 * through the tax or bank channel and the centre confirms it later.
 */
export const PAYMENT_CHANNELS = ['window', 'declared'] as const;

const month = z.string().regex(MONTH_PATTERN, 'month.format');
const fen = z.number().int().min(0).max(10_000_000_000);

/** One line item as computed by calculateContribution (src/shared/contributions). */
export const paymentLineSchema = z
  .object({
    packVersion: z.string().regex(/^\d{4}\.\d{1,3}$/),
    fromMonth: month,
    toMonth: month,
    months: z.number().int().min(1).max(600),
    baseFen: fen.nullable(),
    rate: ratioSchema.nullable(),
    gradeId: z.string().max(40).nullable(),
    totalFen: fen,
    personalAccountFen: fen,
    pooledFen: fen,
    subsidyFen: fen,
    personFen: fen,
    dueNowFen: fen,
    subsidyPayment: z.enum(['advance', 'reimbursed']).nullable(),
  })
  .strict()
  .refine((l) => l.personalAccountFen + l.pooledFen === l.totalFen, { message: 'payment.lineSplit' })
  .refine((l) => l.subsidyFen + l.personFen === l.totalFen, { message: 'payment.lineShares' });
export type PaymentLine = z.infer<typeof paymentLineSchema>;

export const paymentSchema = z
  .object({
    /** ULID made on the device when the clerk saved the payment. */
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    kind: z.enum(PAYMENT_KINDS),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    scheme: z.enum(SCHEMES),
    regionCode: z.string().regex(/^\d{6}$/),
    /** Months covered (empty lines and null months for confirmation/void_receipt records). */
    fromMonth: month.nullable(),
    toMonth: month.nullable(),
    /** Line items; for a reversal or refund the negated lines are implied by refId, so lines repeat the original's for the amount refunded. */
    lines: z.array(paymentLineSchema).max(24),
    /** Sum of lines[].totalFen, and what the person handed over (sum of dueNowFen). */
    totalFen: fen,
    paidFen: fen,
    method: z.enum(PAYMENT_METHODS).nullable(),
    channel: z.enum(PAYMENT_CHANNELS),
    /** Receipt number (formatReceiptNumber) for window payments and voids; null for declarations. */
    receiptNo: z.string().max(40).nullable(),
    /** The record this one refers to (reversal, refund, top_up, confirmation). */
    refId: z.string().max(40).nullable(),
    reason: z.string().trim().max(500).nullable(),
    /** Staff id of the reviewer (复核) who approved a reversal or refund. */
    approvedBy: shortId.nullable(),
    stationId: shortId,
    deviceId: shortId,
    staffId: shortId,
    /** When the clerk saved it (device clock; ordering uses server checkpoints, never this). */
    createdAt: isoDateTime,
    _deleted: z.literal(false),
  })
  .strict()
  .refine((p) => p.lines.reduce((s, l) => s + l.totalFen, 0) === p.totalFen, { message: 'payment.total', path: ['totalFen'] })
  .refine((p) => p.lines.reduce((s, l) => s + l.dueNowFen, 0) === p.paidFen || p.kind === 'refund' || p.kind === 'reversal', {
    message: 'payment.paid',
    path: ['paidFen'],
  })
  .refine((p) => (p.kind === 'reversal' || p.kind === 'refund' ? p.refId !== null && p.reason !== null && p.approvedBy !== null && p.approvedBy !== p.staffId : true), {
    message: 'payment.approval',
    path: ['approvedBy'],
  })
  .refine((p) => (p.kind === 'top_up' || p.kind === 'confirmation' ? p.refId !== null : true), { message: 'payment.ref', path: ['refId'] })
  .refine((p) => (p.channel === 'window' && (p.kind === 'contribution' || p.kind === 'top_up') ? p.receiptNo !== null && p.method !== null : true), {
    message: 'payment.receipt',
    path: ['receiptNo'],
  });
export type Payment = z.infer<typeof paymentSchema>;
