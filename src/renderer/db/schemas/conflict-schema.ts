import type { RxJsonSchema } from 'rxdb';
import type { Conflict } from '../../../shared/conflict';

export type ConflictDoc = Omit<Conflict, '_deleted'>;

const v0Properties = {
  id: { type: 'string', maxLength: 40 },
  entity: { type: 'string' },
  entityId: { type: 'string' },
  fields: { type: 'array', items: { type: 'object' } },
  deviceId: { type: 'string' },
  stationId: { type: 'string' },
  createdAt: { type: 'string', maxLength: 24 },
  status: { type: 'string', maxLength: 10 },
} as const;
const required: Array<keyof ConflictDoc> = ['id', 'entity', 'entityId', 'fields', 'deviceId', 'stationId', 'createdAt', 'status'];

/** The first release's schema: kept so the migration test can create a real version-0 database. */
export const conflictSchemaV0: RxJsonSchema<Omit<ConflictDoc, 'resolution'>> = {
  title: 'conflict',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: v0Properties,
  required: required.filter((k) => k !== 'resolution'),
  indexes: [['status', 'createdAt']],
};

/**
 * Written by the server; a device changes one only to resolve it (status
 * 'resolved' + `resolution`, ADR 019), which the conflicts replication
 * pushes. The status index feeds the open-conflicts list. Version 1 added
 * the optional `resolution`.
 */
export const conflictSchemaV1: RxJsonSchema<ConflictDoc> = {
  ...conflictSchemaV0,
  version: 1,
  properties: { ...v0Properties, resolution: { type: 'object' } },
  required,
};

/** v0 → v1: a conflict stored before resolutions existed is unchanged (`resolution` is optional). */
export const conflictMigrationStrategies = {
  1: (doc: Omit<ConflictDoc, 'resolution'>): ConflictDoc => doc,
};
