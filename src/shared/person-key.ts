import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { IdType } from './id-types';

/** Person keys are 'p' + 32 hex chars (128 bits of HMAC-SHA256). */
export const PERSON_KEY_PATTERN = /^p[0-9a-f]{32}$/;

/** Minimum length of the city's person-key secret, in bytes. */
export const PERSON_KEY_SECRET_MIN_BYTES = 32;

/**
 * Deterministic record key for a person: HMAC-SHA256(secret, type ":" number).
 *
 * Why keyed: two stations that register the same ID number offline must
 * produce the same key, but the key must not reveal the number to anyone
 * without the city's secret (a plain hash of an 18-digit ID with a known
 * date and region is brute-forced in seconds). Devices receive the secret
 * at enrolment. `normalizedNumber` must come from parseIdNumber().
 */
export function derivePersonKey(secret: Uint8Array, idType: IdType, normalizedNumber: string): string {
  if (secret.length < PERSON_KEY_SECRET_MIN_BYTES) throw new Error('person-key secret too short');
  const mac = hmac(sha256, secret, utf8ToBytes(`${idType}:${normalizedNumber}`));
  return `p${bytesToHex(mac.subarray(0, 16))}`;
}

/** The secret travels as hex in the enrolment response (no base64 in ES2022 without DOM/Node). */
export function secretFromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new Error('person-key secret must be hex');
  return hexToBytes(hex);
}
