import { z } from 'zod';
import type { TrustedKey } from '../../shared/policy/pack-signing';
import type { ApiClient } from './http-client';

const keySchema = z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/), publicKeyHex: z.string().regex(/^[0-9a-f]{64}$/) });
const keysSchema = z.array(keySchema);
/** GET /api/v1/policy-keys: the bare list, or wrapped as { keys } / { policyKeys }. */
const responseSchema = z.union([keysSchema, z.object({ keys: keysSchema }), z.object({ policyKeys: keysSchema })]);

/** Keeps only well-formed keys; a malformed list is treated as none (no pack will verify). */
export function parsePolicyKeys(raw: unknown): TrustedKey[] {
  const parsed = responseSchema.safeParse(raw);
  if (!parsed.success) return [];
  const list = Array.isArray(parsed.data) ? parsed.data : 'keys' in parsed.data ? parsed.data.keys : parsed.data.policyKeys;
  return list.map((k) => ({ keyId: k.keyId, publicKeyHex: k.publicKeyHex }));
}

/**
 * For devices enrolled before packs existed: the centre's pack keys over
 * the device's authenticated channel, trusted as the enrolment response
 * would have been (the same server, the same token).
 */
export async function fetchPolicyKeys(api: ApiClient): Promise<TrustedKey[]> {
  return parsePolicyKeys(await api.get<unknown>('/policy-keys'));
}
