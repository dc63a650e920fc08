import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** Device bearer token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

/**
 * Enrolment codes are short and typed by people, so they are stretched
 * with scrypt and salted: a leaked database does not hand out codes.
 * Format: scrypt$<salt hex>$<hash hex>.
 */
export function hashEnrolmentCode(code: string, salt: Buffer = randomBytes(16)): string {
  const h = scryptSync(code, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('hex')}$${h.toString('hex')}`;
}

export function verifyEnrolmentCode(code: string, stored: string): boolean {
  const [kind, saltHex, hashHex] = stored.split('$');
  if (kind !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(code, Buffer.from(saltHex, 'hex'), expected.length, SCRYPT);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A fresh city person-key secret: 32 random bytes as hex. */
export function newPersonKeySecretHex(): string {
  return randomBytes(32).toString('hex');
}
