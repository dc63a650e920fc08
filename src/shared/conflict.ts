import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import { isoDateTime, PERSON_MERGE_FIELDS, shortId } from './person';

/**
 * What a staff member chose for one clashing field (ADR 019): keep the
 * value the server kept, take the other station's value, or type a
 * corrected one (text fields only, see conflict-resolution.ts).
 */
export const CONFLICT_CHOICES = ['server', 'local', 'typed'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** Who resolved a conflict, where, when, and the value taken per field. */
export const conflictResolutionSchema = z
  .object({
    by: z.object({ id: shortId, name: z.string().max(50) }).strict(),
    stationId: shortId,
    deviceId: shortId,
    at: isoDateTime,
    hlc: z.string().regex(HLC_PATTERN).optional(),
    fields: z
      .array(z.object({ field: z.enum(PERSON_MERGE_FIELDS), choice: z.enum(CONFLICT_CHOICES), value: z.unknown() }).strict())
      .min(1)
      .max(PERSON_MERGE_FIELDS.length),
  })
  .strict();
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

/**
 * A same-field clash found by the server's three-way merge. The server kept
 * its own value; this record lets staff review it. Created by the server;
 * a device may push it back only to resolve it (open → resolved with a
 * `resolution`, ADR 019).
 */
export const conflictSchema = z
  .object({
    id: z.string().min(1).max(40),
    entity: z.literal('person'),
    entityId: z.string().min(1).max(40),
    fields: z.array(
      z.object({ field: z.enum(PERSON_MERGE_FIELDS), base: z.unknown(), local: z.unknown(), server: z.unknown() }).strict(),
    ),
    /** Device and station whose push lost the clash. */
    deviceId: z.string(),
    stationId: z.string(),
    createdAt: isoDateTime,
    status: z.enum(['open', 'resolved']),
    /** Present exactly when status is 'resolved'. */
    resolution: conflictResolutionSchema.optional(),
    _deleted: z.boolean(),
  })
  .strict();
export type Conflict = z.infer<typeof conflictSchema>;
