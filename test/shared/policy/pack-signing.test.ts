import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/shared/policy/canonical-json';
import { generateKeyPair, signPack, verifyPack, type SignedPack } from '../../../src/shared/policy/pack-signing';
import type { PolicyPack } from '../../../src/shared/policy/pack-schema';
import { rawPack } from './packs';

// Fixed seeds: deterministic test keys, never used outside tests.
const centre = generateKeyPair(new Uint8Array(32).fill(1));
const other = generateKeyPair(new Uint8Array(32).fill(2));
const trusted = [{ keyId: centre.keyId, publicKeyHex: centre.publicKeyHex }];

function signed(): SignedPack {
  const r = signPack(rawPack('beijing-2025.1.json'), centre.privateKeyHex);
  if (!r.ok) throw new Error(r.code);
  return r.value;
}
/** A signed pack as it arrives over the wire: plain JSON, mutable. */
const wire = (s: SignedPack): SignedPack => JSON.parse(JSON.stringify(s)) as SignedPack;

describe('signPack / verifyPack', () => {
  it('a valid signature from a trusted key is accepted and returns the pack', () => {
    const r = verifyPack(wire(signed()), trusted);
    expect(r.ok && r.value.version).toBe('2025.1');
  });

  it('key order in the JSON does not matter (canonical JSON)', () => {
    const w = wire(signed());
    const reordered = { signature: w.signature, pack: Object.fromEntries(Object.entries(w.pack as object).reverse()) };
    expect(verifyPack(reordered, trusted).ok).toBe(true);
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
  });

  it('a tampered value is refused (pack.signature)', () => {
    const w = wire(signed());
    w.pack.baseFloor.value = 600_000;
    expect(verifyPack(w, trusted)).toEqual({ ok: false, code: 'pack.signature' });
    const w2 = wire(signed());
    w2.pack.baseFloor.status = 'unconfirmed';
    expect(verifyPack(w2, trusted)).toEqual({ ok: false, code: 'pack.signature' });
  });

  it('a tampered signature is refused (pack.signature)', () => {
    const w = wire(signed());
    const s = w.signature.sig;
    w.signature.sig = (s[0] === '0' ? '1' : '0') + s.slice(1);
    expect(verifyPack(w, trusted)).toEqual({ ok: false, code: 'pack.signature' });
  });

  it('a pack signed with a key the device does not trust is refused (pack.unknownKey)', () => {
    const r = signPack(rawPack('beijing-2025.1.json'), other.privateKeyHex);
    if (!r.ok) throw new Error(r.code);
    expect(verifyPack(wire(r.value), trusted)).toEqual({ ok: false, code: 'pack.unknownKey', params: { keyId: other.keyId } });
  });

  it('a signature copied under a trusted key id but made by another key is refused (pack.signature)', () => {
    const r = signPack(rawPack('beijing-2025.1.json'), other.privateKeyHex);
    if (!r.ok) throw new Error(r.code);
    const w = wire(r.value);
    w.signature.keyId = centre.keyId;
    expect(verifyPack(w, trusted)).toEqual({ ok: false, code: 'pack.signature' });
  });

  it('a malformed envelope or a pack that fails the schema is refused (pack.schema)', () => {
    expect(verifyPack({ pack: {} }, trusted)).toMatchObject({ ok: false, code: 'pack.schema' });
    expect(verifyPack('nonsense', trusted)).toMatchObject({ ok: false, code: 'pack.schema' });
    const bad = rawPack('beijing-2025.1.json') as PolicyPack;
    bad.baseFloor.value = 1;
    expect(signPack(bad, centre.privateKeyHex)).toMatchObject({ ok: false, code: 'pack.schema', params: { path: 'baseFloor.value' } });
  });

  it('key ids are stable and differ per key', () => {
    expect(centre.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(generateKeyPair(new Uint8Array(32).fill(1)).keyId).toBe(centre.keyId);
    expect(other.keyId).not.toBe(centre.keyId);
  });
});
