import type { RxJsonSchema } from 'rxdb';
import type { Payment } from '../../../shared/payment';

export type PaymentDoc = Omit<Payment, '_deleted'>;

const nullableString = { type: ['string', 'null'] } as const;

/**
 * Money records (issue 3, src/shared/payment.ts). Immutable: written once on
 * the device (or pulled), never updated. The zod paymentSchema is the one
 * authority on validity; this schema declares types and the indexes behind
 * a person's payments list and the device's used receipt serials.
 */
export const paymentSchemaV0: RxJsonSchema<PaymentDoc> = {
  title: 'payment',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    kind: { type: 'string' },
    personId: { type: 'string', maxLength: 40 },
    scheme: { type: 'string' },
    regionCode: { type: 'string' },
    fromMonth: nullableString,
    toMonth: nullableString,
    lines: { type: 'array', items: { type: 'object' } },
    totalFen: { type: 'integer' },
    paidFen: { type: 'integer' },
    method: nullableString,
    channel: { type: 'string' },
    receiptNo: nullableString,
    refId: nullableString,
    reason: nullableString,
    approvedBy: nullableString,
    stationId: { type: 'string' },
    deviceId: { type: 'string', maxLength: 40 },
    staffId: { type: 'string' },
    createdAt: { type: 'string', maxLength: 24 },
  },
  required: [
    'id', 'kind', 'personId', 'scheme', 'regionCode', 'fromMonth', 'toMonth', 'lines', 'totalFen', 'paidFen', 'method', 'channel',
    'receiptNo', 'refId', 'reason', 'approvedBy', 'stationId', 'deviceId', 'staffId', 'createdAt',
  ],
  indexes: [['personId', 'createdAt'], ['deviceId', 'createdAt']],
};
