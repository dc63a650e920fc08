import type { RxJsonSchema } from 'rxdb';
import type { AuditEvent } from '../../../shared/audit';

export type AuditDoc = Omit<AuditEvent, '_deleted'>;

/**
 * Append-only change history. The zod auditEventSchema (src/shared/audit.ts)
 * validates content; this schema declares types and the (entityId, at)
 * index behind a person's history page.
 */
export const auditSchemaV0: RxJsonSchema<Omit<AuditDoc, 'hlc'>> = {
  title: 'audit',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    entity: { type: 'string' },
    entityId: { type: 'string', maxLength: 40 },
    action: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    staffId: { type: 'string' },
    staffName: { type: 'string' },
    deviceId: { type: 'string' },
    stationId: { type: 'string' },
    at: { type: 'string', maxLength: 24 },
  },
  required: ['id', 'entity', 'entityId', 'action', 'fields', 'staffId', 'staffName', 'deviceId', 'stationId', 'at'],
  indexes: [['entityId', 'at']],
};

/** Version 1 added the optional `hlc` stamp (ADR 019); events stored before keep none. */
export const auditSchemaV1: RxJsonSchema<AuditDoc> = {
  ...auditSchemaV0,
  version: 1,
  properties: { ...auditSchemaV0.properties, hlc: { type: 'string', maxLength: 64 } },
};

export const auditMigrationStrategies = {
  1: (doc: Omit<AuditDoc, 'hlc'>): AuditDoc => doc,
};
