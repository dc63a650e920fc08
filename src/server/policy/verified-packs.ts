import type { PolicyPack } from '../../shared/policy/pack-schema';
import { verifyPack } from '../../shared/policy/pack-signing';
import type { Queryable } from '../db/sql-db';
import { listPolicyKeys } from './centre-keys';

/**
 * The region's stored packs that verify against the centre's trusted keys,
 * exactly as a device would accept them. The server recomputes payment
 * amounts from these (ADR 011), so a pack altered in the database is not
 * used for money on the server either: it is skipped, and a payment that
 * names its version is refused.
 */
export async function verifiedPacksOf(q: Queryable, regionCode: string): Promise<PolicyPack[]> {
  const keys = await listPolicyKeys(q);
  const rows = await q.query<{ data: { signed: unknown } }>("SELECT data FROM docs WHERE collection = 'packs' AND region_code = $1", [regionCode]);
  const out: PolicyPack[] = [];
  for (const r of rows) {
    const v = verifyPack(r.data.signed, keys);
    if (v.ok) out.push(v.value);
  }
  return out;
}
