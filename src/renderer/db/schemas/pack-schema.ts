import type { RxJsonSchema } from 'rxdb';
import type { PackDoc } from '../../../shared/policy/pack-doc';

export type PackStoreDoc = Omit<PackDoc, '_deleted'>;

/**
 * Signed policy packs (pull-only on devices, ADR 005/007). Only packs that
 * passed verification on the way in are written here (sync/pack-screen.ts);
 * `signed` stays loose because the zod schemas in src/shared are the one
 * authority on its shape, and it is verified again before use.
 */
export const packSchemaV0: RxJsonSchema<PackStoreDoc> = {
  title: 'policy pack',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    regionCode: { type: 'string', maxLength: 6 },
    version: { type: 'string', maxLength: 10 },
    effectiveFrom: { type: 'string', maxLength: 7 },
    signed: { type: 'object' },
    publishedAt: { type: 'string' },
  },
  required: ['id', 'regionCode', 'version', 'effectiveFrom', 'signed', 'publishedAt'],
  indexes: [['regionCode', 'effectiveFrom']],
};
