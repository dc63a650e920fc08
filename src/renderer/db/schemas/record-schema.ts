import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type {
  CloseoutRecord, ContactRecord, EnrolmentRecord, HistoryRecord, RecordKind, TransferInRecord, TransferResultRecord, WindowRecord,
} from '../../../shared/records';
import type { NoticeRecord } from '../../../shared/records';

type Common = 'id' | 'stationId' | 'deviceId' | 'staffId' | 'createdAt';

/**
 * A stored window record, flat: the common fields plus the fields of either
 * kind as optional (RxDB's schema type needs one object type, not a union).
 * Every stored document is a whole WindowRecord without `_deleted`.
 */
export type RecordDoc = RecordDocV0 &
  Partial<Omit<TransferInRecord, Common | 'kind' | '_deleted' | 'status' | 'scheme'>> &
  Partial<Omit<TransferResultRecord, Common | 'kind' | '_deleted' | 'status'>> &
  Partial<Omit<HistoryRecord, Common | 'kind' | '_deleted'>> &
  Partial<Omit<NoticeRecord, Common | 'kind' | '_deleted'>> & {
    // `status` and `scheme` are shared by enrolment and transfer records with different value sets.
    status?: string;
    scheme?: string;
  };

/** The version-0 layout: enrolment, closeout and contact fields. */
type RecordDocV0 = Pick<EnrolmentRecord, Common> & { kind: RecordKind } & Partial<Omit<EnrolmentRecord, Common | 'kind' | '_deleted'>> &
  Partial<Omit<CloseoutRecord, Common | 'kind' | '_deleted'>> &
  Partial<Omit<ContactRecord, Common | 'kind' | '_deleted'>>;

/**
 * Back to the shared type. Every document was validated with recordSchema
 * before it was stored (insertRecord on this device, the centre's push check
 * for pulled ones), so the kind's fields are present.
 */
export const toWindowRecord = (doc: RecordDoc): WindowRecord => ({ ...doc, _deleted: false }) as WindowRecord;

const nullableString = { type: ['string', 'null'] } as const;

/**
 * Window records (src/shared/records.ts, ADR 012): enrolment status records
 * and daily close-outs in one collection, because RxDB's free build caps the
 * collections a process may open. Immutable: inserted once, never updated.
 * The zod recordSchema is the one authority on validity; this schema only
 * declares types. Fields of one kind are optional here.
 *
 * Indexes use required fields only: Dexie builds native IndexedDB compound
 * indexes, which leave out every document that lacks one of the fields, so
 * an index over personId would silently hide every close-out from a query
 * the planner answered with it. A person's enrolments are therefore read
 * through (kind, createdAt) and filtered; a station holds a few thousand
 * enrolment records, which that scan reads in milliseconds.
 */
const recordPropertiesV0 = {
  id: { type: 'string', maxLength: 26 },
  kind: { type: 'string', maxLength: 16 },
  stationId: { type: 'string', maxLength: 40 },
  deviceId: { type: 'string', maxLength: 40 },
  staffId: { type: 'string', maxLength: 40 },
  createdAt: { type: 'string', maxLength: 24 },
  // enrolment
  personId: { type: 'string' },
  scheme: { type: 'string' },
  status: { type: 'string' },
  effectiveMonth: { type: 'string' },
  reason: nullableString,
  // closeout
  day: { type: 'string' },
  paymentIds: { type: 'array', items: { type: 'string' } },
  totals: { type: 'object' },
  // contact (issue 4 §2; personId shared with enrolment)
  channel: { type: 'string' },
  outcome: { type: 'string' },
  note: { type: 'string' },
  followUpDate: nullableString,
} as const;

export const recordSchemaV0: RxJsonSchema<RecordDocV0> = {
  title: 'record',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: recordPropertiesV0,
  required: ['id', 'kind', 'stationId', 'deviceId', 'staffId', 'createdAt'],
  indexes: [['kind', 'createdAt'], ['kind', 'staffId', 'createdAt']],
};

/**
 * Version 1 (ADR 018) declares the fields of transfer_in, transfer_result and history records
 * (personId, scheme, status, effectiveMonth, reason and note are shared with the older kinds).
 * Only new optional properties: no stored document changes, so the migration is the identity.
 */
export const recordSchemaV1: RxJsonSchema<RecordDoc> = {
  ...recordSchemaV0,
  version: 1,
  properties: {
    ...recordPropertiesV0,
    // transfer_in
    fromRegionCode: nullableString,
    fromInstitution: { type: 'string' },
    fromMonth: { type: 'string' },
    toMonth: { type: 'string' },
    monthsPaid: { type: 'number' },
    deemedMonths: { type: 'number' },
    baseTotalFen: { type: 'number' },
    personalAccountFen: { type: 'number' },
    pooledFundFen: { type: 'number' },
    documents: { type: 'array', items: { type: 'string' } },
    // transfer_result
    transferId: { type: 'string' },
    // notice (ADR 017; personId shared): added to version 1 before it shipped
    schemes: { type: 'array', items: { type: 'string' } },
    monthsUnpaid: { type: 'number' },
    since: { type: 'string' },
  },
};

/** Each strategy turns a document of version N-1 into version N. Never edit one that has shipped. */
export const recordMigrationStrategies: MigrationStrategies = {
  1: (doc: RecordDoc): RecordDoc => doc,
};
