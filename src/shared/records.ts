import { z } from 'zod';
import { compareMonths, isMonth, MONTH_PATTERN, monthsInclusive } from './months';
import { PAYMENT_METHODS } from './payment';
import { isoDate, isoDateTime, shortId } from './person';
import { PERSON_KEY_PATTERN } from './person-key';
import { SCHEMES } from './policy/schemes';

/**
 * Window records (办理记录): immutable facts a station writes that are not
 * money and not the person's own data, kept in one synced collection
 * (`records`) because RxDB's free build caps the collections a process may
 * open (ADR 012). Like payments they are insert-only: a later fact is a new
 * record, the current state is derived from all of them, and sync never
 * merges.
 *
 * - enrolment: a person's status in one scheme changed (参保登记, 暂停, 转出, 终止);
 * - closeout: a staff member closed a working day (日结); the day is then locked.
 * - contact: outreach to a lapsed person (催缴联系: call, visit, message) and its outcome.
 * - notice: a reminder notice (提醒通知书) printed for a lapsed person, ADR 017.
 * - transfer_in: a relation moving in from another region (转移接续, in transit), ADR 018;
 *   transfer_result: its confirmation or rejection; history: the person's deemed years (视同缴费年限).
 */
export const RECORD_KINDS = ['enrolment', 'closeout', 'contact', 'transfer_in', 'transfer_result', 'history', 'notice'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** DOMAIN.md §3: active (参保缴费), lapsed (断缴), suspended (暂停), transferred out (转出), closed (终止). */
export const ENROLMENT_STATUSES = ['active', 'lapsed', 'suspended', 'transferred_out', 'closed'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const month = z.string().regex(MONTH_PATTERN, 'month.format');
const fen = z.number().int().min(0).max(10_000_000_000);
const count = z.number().int().min(0).max(1_000_000);

/** Who wrote a record, where and when (device clock; sync order comes from server checkpoints). */
const origin = {
  id: ulid,
  stationId: shortId,
  deviceId: shortId,
  staffId: shortId,
  createdAt: isoDateTime,
  _deleted: z.literal(false),
};

export const enrolmentRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('enrolment'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    scheme: z.enum(SCHEMES),
    status: z.enum(ENROLMENT_STATUSES),
    /** First month the status applies to. */
    effectiveMonth: month,
    /** Required for every status but active (why it lapsed, where it was transferred to…). */
    reason: z.string().trim().max(500).nullable(),
  })
  .strict()
  .refine((r) => r.status === 'active' || (r.reason !== null && r.reason !== ''), { message: 'field.required', path: ['reason'] });
export type EnrolmentRecord = z.infer<typeof enrolmentRecordSchema>;

const amountRow = { count, takenFen: fen, returnedFen: fen };

/**
 * What a close-out froze (日结单). Money taken is the paidFen of window
 * contributions and 补差; money returned is the paidFen of reversals and
 * refunds made that day. Declarations (申报) take no cash: counted apart.
 */
export const closeoutTotalsSchema = z
  .object({
    takenFen: fen,
    returnedFen: fen,
    byMethod: z.array(z.object({ method: z.enum(PAYMENT_METHODS), ...amountRow }).strict()).max(PAYMENT_METHODS.length),
    byScheme: z.array(z.object({ scheme: z.enum(SCHEMES), ...amountRow }).strict()).max(SCHEMES.length),
    declaredCount: count,
    declaredFen: fen,
    /** First and last receipt number issued in the day (by serial), null when none. */
    receiptFrom: z.string().max(40).nullable(),
    receiptTo: z.string().max(40).nullable(),
    voidedReceipts: z.array(z.string().max(40)).max(5000),
    reversalIds: z.array(ulid).max(5000),
    refundIds: z.array(ulid).max(5000),
  })
  .strict();
export type CloseoutTotals = z.infer<typeof closeoutTotalsSchema>;

export const closeoutRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('closeout'),
    /** The working day closed (China time, YYYY-MM-DD). */
    day: isoDate,
    /** Every payment record the close-out covers; a record not listed here falls on a later day. */
    paymentIds: z.array(ulid).max(5000),
    totals: closeoutTotalsSchema,
  })
  .strict();
export type CloseoutRecord = z.infer<typeof closeoutRecordSchema>;

/** Outreach (issue 4 §2): how the person was reached and what they said. */
export const CONTACT_CHANNELS = ['call', 'visit', 'message'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = ['will_resume', 'refused', 'moved_away', 'deceased', 'unreachable'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const contactRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('contact'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    channel: z.enum(CONTACT_CHANNELS),
    outcome: z.enum(CONTACT_OUTCOMES),
    note: z.string().trim().max(500),
    /** When to try again (China day, YYYY-MM-DD); null: no follow-up planned. */
    followUpDate: isoDate.nullable(),
  })
  .strict();
export type ContactRecord = z.infer<typeof contactRecordSchema>;

/** Schemes whose relation moves between regions (转移接续, DOMAIN.md §7): the employee schemes. */
export const TRANSFER_SCHEMES = ['employee_pension', 'employee_medical'] as const;
export type TransferScheme = (typeof TRANSFER_SCHEMES)[number];
/** Papers received from the transferring office (checklist on the form). */
export const TRANSFER_DOCUMENTS = ['contribution_certificate', 'transfer_form', 'contact_letter', 'medical_transfer_form', 'id_copy'] as const;
export type TransferDocument = (typeof TRANSFER_DOCUMENTS)[number];
export const TRANSFER_OUTCOMES = ['confirmed', 'rejected'] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

/** A month within the calendar range months.ts accepts (a typed 2999-01 is a typing error). */
const calendarMonth = month.refine(isMonth, 'month.format');
const bothMonths = (r: { fromMonth: string; toMonth: string }): boolean => isMonth(r.fromMonth) && isMonth(r.toMonth);

/** Amounts on transfer papers: whole fen, never negative (codes the form can show by field). */
const transferFen = z.number().int('transfer.amountFen').min(0, 'transfer.amountNegative').max(10_000_000_000, 'transfer.amountTooLarge');

/**
 * A transfer-in (转移接续, issue 4 §4, ADR 018) as the station registers it: in transit until
 * a transfer_result record decides it. The history summary and the amounts are copied from the
 * transferring office's papers; baseTotalFen (the sum of the monthly bases since 1998-01) is what
 * the 12% pooled-fund check needs (src/shared/transfer-in).
 */
export const transferInRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('transfer_in'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    scheme: z.enum(TRANSFER_SCHEMES),
    status: z.literal('in_transit'),
    /** GB/T 2260 code of the region it comes from; null when only the institution is known. */
    fromRegionCode: z.string().regex(/^\d{6}$/, 'field.invalid').nullable(),
    /** The transferring institution (转出地社保经办机构), free text. */
    fromInstitution: z.string().trim().min(1, 'field.required').max(100),
    fromMonth: calendarMonth,
    toMonth: calendarMonth,
    monthsPaid: count,
    deemedMonths: z.number().int().min(0).max(600),
    baseTotalFen: transferFen,
    personalAccountFen: transferFen,
    pooledFundFen: transferFen,
    documents: z.array(z.enum(TRANSFER_DOCUMENTS)).max(TRANSFER_DOCUMENTS.length),
    note: z.string().trim().max(500),
  })
  .strict()
  // Month checks only once both months are valid (the month field reports its own format issue).
  .refine((r) => !bothMonths(r) || compareMonths(r.fromMonth, r.toMonth) <= 0, { message: 'transfer.monthOrder', path: ['toMonth'] })
  .refine((r) => !bothMonths(r) || r.monthsPaid <= monthsInclusive(r.fromMonth, r.toMonth), { message: 'transfer.monthsPaid', path: ['monthsPaid'] })
  .refine((r) => new Set(r.documents).size === r.documents.length, { message: 'field.invalid', path: ['documents'] });
export type TransferInRecord = z.infer<typeof transferInRecordSchema>;

/** The decision on a transfer-in: confirmed (the enrolment becomes active from effectiveMonth) or rejected (reason required). */
export const transferResultRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('transfer_result'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    /** Id of the transfer_in record decided. */
    transferId: ulid,
    status: z.enum(TRANSFER_OUTCOMES),
    effectiveMonth: month,
    reason: z.string().trim().max(500).nullable(),
  })
  .strict()
  .refine((r) => r.status === 'confirmed' || (r.reason !== null && r.reason !== ''), { message: 'field.required', path: ['reason'] });
export type TransferResultRecord = z.infer<typeof transferResultRecordSchema>;

/** The person's deemed contribution months (视同缴费年限) as the archive shows them; the latest record counts. */
export const historyRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('history'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    deemedMonths: z.number().int().min(0).max(600),
    note: z.string().trim().max(500),
  })
  .strict();
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/**
 * A reminder notice (催缴/提醒通知书) printed for a lapsed person (issue 4 §2; DOMAIN.md §10 counts
 * them; ADR 017): which schemes it named and the longest gap when it was printed. A reprint of the
 * same batch is no new notice.
 */
export const noticeRecordSchema = z
  .object({
    ...origin,
    kind: z.literal('notice'),
    personId: z.string().regex(PERSON_KEY_PATTERN),
    schemes: z.array(z.enum(SCHEMES)).min(1, 'field.required').max(SCHEMES.length),
    /** Months unpaid (the longest gap of the schemes named) on the day it was printed. */
    monthsUnpaid: z.number().int('field.invalid').min(1, 'field.invalid').max(1200, 'field.invalid'),
    /** First unpaid month (the earliest of the schemes named). */
    since: month,
  })
  .strict()
  .refine((r) => new Set(r.schemes).size === r.schemes.length, { message: 'field.invalid', path: ['schemes'] });
export type NoticeRecord = z.infer<typeof noticeRecordSchema>;

export const recordSchema = z.discriminatedUnion('kind', [
  enrolmentRecordSchema, closeoutRecordSchema, contactRecordSchema, transferInRecordSchema, transferResultRecordSchema, historyRecordSchema,
  noticeRecordSchema,
]);
export type WindowRecord = z.infer<typeof recordSchema>;
