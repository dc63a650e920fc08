import { z } from 'zod';
import { MONTH_PATTERN } from './months';
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
 */
export const RECORD_KINDS = ['enrolment', 'closeout', 'contact'] as const;
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

export const recordSchema = z.discriminatedUnion('kind', [enrolmentRecordSchema, closeoutRecordSchema, contactRecordSchema]);
export type WindowRecord = z.infer<typeof recordSchema>;
