import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { canonicalJson } from './canonical-json';
import { policyPackSchema, type PolicyPack } from './pack-schema';

/**
 * The centre signs packs; devices verify before they use one (issue 3 §1).
 * Signature: Ed25519 over a domain-separation prefix + the canonical JSON of
 * the pack, so a signature over anything else (another format, another
 * purpose) can never pass as a pack signature.
 */
const DOMAIN_PREFIX = 'shebao-station/policy-pack/v1\n';

export interface TrustedKey {
  readonly keyId: string;
  readonly publicKeyHex: string;
}

const packSignatureSchema = z
  .object({ alg: z.literal('Ed25519'), keyId: z.string().regex(/^[0-9a-f]{16}$/), sig: z.string().regex(/^[0-9a-f]{128}$/) })
  .strict();
export type PackSignature = z.infer<typeof packSignatureSchema>;

export const signedPackSchema = z.object({ pack: z.unknown(), signature: packSignatureSchema }).strict();
export interface SignedPack {
  readonly pack: PolicyPack;
  readonly signature: PackSignature;
}

/** Key id: first 8 bytes of SHA-256 of the public key, as hex. Lets a device keep several trusted keys (rotation). */
export function keyIdOf(publicKeyHex: string): string {
  return bytesToHex(sha256(hexToBytes(publicKeyHex))).slice(0, 16);
}

export function generateKeyPair(seed?: Uint8Array): { keyId: string; publicKeyHex: string; privateKeyHex: string } {
  const { secretKey, publicKey } = ed25519.keygen(seed);
  const publicKeyHex = bytesToHex(publicKey);
  return { keyId: keyIdOf(publicKeyHex), publicKeyHex, privateKeyHex: bytesToHex(secretKey) };
}

const message = (pack: unknown): Uint8Array => utf8ToBytes(DOMAIN_PREFIX + canonicalJson(pack));

function schemaError(e: z.ZodError): Result<never> {
  const issue = e.issues[0];
  return err('pack.schema', { path: issue ? issue.path.join('.') : '', reason: issue?.message ?? '' });
}

/** Validates the pack, then signs it. A pack that does not validate is never signed. */
export function signPack(pack: unknown, privateKeyHex: string): Result<SignedPack> {
  const parsed = policyPackSchema.safeParse(pack);
  if (!parsed.success) return schemaError(parsed.error);
  const secret = hexToBytes(privateKeyHex);
  const publicKeyHex = bytesToHex(ed25519.getPublicKey(secret));
  const sig = bytesToHex(ed25519.sign(message(parsed.data), secret));
  return ok({ pack: parsed.data, signature: { alg: 'Ed25519', keyId: keyIdOf(publicKeyHex), sig } });
}

/**
 * Verifies a signed pack as received (untrusted JSON): envelope shape, key
 * known, signature over exactly this content, then the pack schema.
 * Codes: 'pack.schema' {path, reason}, 'pack.unknownKey' {keyId}, 'pack.signature'.
 */
export function verifyPack(signed: unknown, trusted: readonly TrustedKey[]): Result<PolicyPack> {
  const env = signedPackSchema.safeParse(signed);
  if (!env.success) return schemaError(env.error);
  const { pack, signature } = env.data;
  const key = trusted.find((k) => k.keyId === signature.keyId && keyIdOf(k.publicKeyHex) === k.keyId);
  if (!key) return err('pack.unknownKey', { keyId: signature.keyId });
  let valid: boolean;
  try {
    // zip215: false = strict RFC 8032 verification: one valid encoding per signature.
    valid = ed25519.verify(hexToBytes(signature.sig), message(pack), hexToBytes(key.publicKeyHex), { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return err('pack.signature');
  const parsed = policyPackSchema.safeParse(pack);
  if (!parsed.success) return schemaError(parsed.error);
  return ok(parsed.data);
}
