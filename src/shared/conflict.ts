import { z } from 'zod';
import { isoDateTime, PERSON_MERGE_FIELDS } from './person';

/**
 * A same-field clash found by the server's three-way merge. The server kept
 * its own value; this record lets staff review it. Created by the server
 * only (pull-only on devices); resolving it is a later feature.
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
    _deleted: z.boolean(),
  })
  .strict();
export type Conflict = z.infer<typeof conflictSchema>;
