import { z } from 'zod';
import { isoDateTime } from '../person';
import { signedPackSchema } from './pack-signing';

/**
 * A signed policy pack as it replicates (sync collection 'packs', pull-only
 * on devices). The envelope fields are copies for indexing and listing; the
 * device trusts only `signed` after verifyPack() with its enrolled keys, and
 * a doc whose copies disagree with the verified pack is refused.
 */
export const packDocSchema = z
  .object({
    /** `${regionCode}:${version}` — one doc per published version; old versions stay for history. */
    id: z.string().regex(/^\d{6}:\d{4}\.\d{1,3}$/),
    regionCode: z.string().regex(/^\d{6}$/),
    version: z.string().regex(/^\d{4}\.\d{1,3}$/),
    effectiveFrom: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    signed: signedPackSchema,
    /** When the centre published (signed and stored) this version. */
    publishedAt: isoDateTime,
    _deleted: z.literal(false),
  })
  .strict();
export type PackDoc = z.infer<typeof packDocSchema>;

export const packDocId = (regionCode: string, version: string): string => `${regionCode}:${version}`;
