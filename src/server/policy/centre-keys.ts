import { hexToBytes } from '@noble/hashes/utils.js';
import { generateKeyPair, type TrustedKey } from '../../shared/policy/pack-signing';
import type { Queryable, SqlDb } from '../db/sql-db';

/** The key the centre signs packs with now. */
export interface SigningKey extends TrustedKey {
  readonly privateKeyHex: string;
  /** 'database': generated on first start and kept in centre_keys; 'env': SHEBAO_PACK_SIGNING_KEY. */
  readonly origin: 'database' | 'env';
}

export const SIGNING_KEY_ENV = 'SHEBAO_PACK_SIGNING_KEY';

/** Serialises first-start key generation of several processes on one PostgreSQL. */
const KEY_LOCK = 720_120_003;

/** An Ed25519 private key (seed) given by the operator: 32 bytes as 64 hex characters. */
export function keyFromHex(privateKeyHex: string): Omit<SigningKey, 'origin'> {
  const hex = privateKeyHex.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`${SIGNING_KEY_ENV} must be an Ed25519 private key as 64 hex characters (got ${String(hex.length)} characters)`);
  }
  return generateKeyPair(hexToBytes(hex));
}

/**
 * The active signing key, created on first use. With `envPrivateKeyHex`
 * (SHEBAO_PACK_SIGNING_KEY) that key signs and only its PUBLIC half is
 * recorded in centre_keys, so devices are told to trust it while the
 * private key never enters the database. Without it, the newest
 * non-retired database key signs; when there is none, one is generated
 * and stored (single-node default, ADR 007). Idempotent; safe at every start.
 */
export async function ensureSigningKey(db: SqlDb, envPrivateKeyHex?: string): Promise<SigningKey> {
  const env = envPrivateKeyHex === undefined || envPrivateKeyHex.trim() === '' ? null : keyFromHex(envPrivateKeyHex);
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
    if (env) {
      const rows = await q.query<{ retired: boolean }>('SELECT retired_at IS NOT NULL AS retired FROM centre_keys WHERE key_id = $1', [env.keyId]);
      if (rows[0]?.retired) throw new Error(`${SIGNING_KEY_ENV} holds key ${env.keyId}, which is retired; supply the current key`);
      if (!rows[0]) await q.query('INSERT INTO centre_keys (key_id, public_key_hex) VALUES ($1, $2)', [env.keyId, env.publicKeyHex]);
      return { ...env, origin: 'env' as const };
    }
    const rows = await q.query<{ key_id: string; public_key_hex: string; private_key_hex: string }>(
      `SELECT key_id, public_key_hex, private_key_hex FROM centre_keys
        WHERE retired_at IS NULL AND private_key_hex IS NOT NULL
        ORDER BY created_at DESC, key_id LIMIT 1`,
    );
    const r = rows[0];
    if (r) return { keyId: r.key_id, publicKeyHex: r.public_key_hex, privateKeyHex: r.private_key_hex, origin: 'database' as const };
    const kp = generateKeyPair();
    await q.query('INSERT INTO centre_keys (key_id, public_key_hex, private_key_hex) VALUES ($1, $2, $3)', [kp.keyId, kp.publicKeyHex, kp.privateKeyHex]);
    return { ...kp, origin: 'database' as const };
  });
}

/** Public keys devices must trust: every key not retired (old packs stay signed by the key of their day). */
export async function listPolicyKeys(q: Queryable): Promise<TrustedKey[]> {
  const rows = await q.query<{ key_id: string; public_key_hex: string }>(
    'SELECT key_id, public_key_hex FROM centre_keys WHERE retired_at IS NULL ORDER BY created_at, key_id',
  );
  return rows.map((r) => ({ keyId: r.key_id, publicKeyHex: r.public_key_hex }));
}
