import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import { isoDateTime, shortId } from './person';

/** Append-only record of who did what (DESIGN.md §3). Never updated once written. */
/**
 * `payment` and `receiptVoid` (issue 3): money records are their own immutable
 * documents; the person's history gets one line naming the payment id in `fields`.
 * `enrolment`: a status record (src/shared/records.ts); `fields` name the scheme and status.
 */
export const AUDIT_ACTIONS = ['create', 'update', 'deactivate', 'reactivate', 'merge', 'payment', 'receiptVoid', 'enrolment'] as const;

export const auditEventSchema = z
  .object({
    /** ULID made on the device when the event happened. */
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    entity: z.enum(['person']),
    entityId: z.string().min(1).max(40),
    action: z.enum(AUDIT_ACTIONS),
    /** Names of the fields the action changed. */
    fields: z.array(z.string().max(40)).max(40),
    staffId: shortId,
    staffName: z.string().max(50),
    deviceId: shortId,
    stationId: shortId,
    at: isoDateTime,
    /** Hybrid logical clock stamp (src/shared/hlc.ts): orders events across devices whose clocks disagree. Absent on events written before it existed. */
    hlc: z.string().regex(HLC_PATTERN).optional(),
    _deleted: z.literal(false),
  })
  .strict();
export type AuditEvent = z.infer<typeof auditEventSchema>;
