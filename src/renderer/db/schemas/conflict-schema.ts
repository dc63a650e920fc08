import type { RxJsonSchema } from 'rxdb';
import type { Conflict } from '../../../shared/conflict';

export type ConflictDoc = Omit<Conflict, '_deleted'>;

/** Written by the server only (pull-only on devices); the status index feeds the open-conflicts list. */
export const conflictSchemaV0: RxJsonSchema<ConflictDoc> = {
  title: 'conflict',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    entity: { type: 'string' },
    entityId: { type: 'string' },
    fields: { type: 'array', items: { type: 'object' } },
    deviceId: { type: 'string' },
    stationId: { type: 'string' },
    createdAt: { type: 'string', maxLength: 24 },
    status: { type: 'string', maxLength: 10 },
  },
  required: ['id', 'entity', 'entityId', 'fields', 'deviceId', 'stationId', 'createdAt', 'status'],
  indexes: [['status', 'createdAt']],
};
