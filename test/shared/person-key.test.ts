import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivePersonKey, PERSON_KEY_PATTERN, secretFromHex } from '../../src/shared/person-key';
import { parseIdNumber } from '../../src/shared/id-number';
import { SECRET } from './fixtures';

describe('derivePersonKey', () => {
  it('is deterministic and does not contain the ID number', () => {
    const a = derivePersonKey(SECRET, 'resident', '11010519491231002X');
    expect(a).toMatch(PERSON_KEY_PATTERN);
    expect(derivePersonKey(SECRET, 'resident', '11010519491231002X')).toBe(a);
    expect(a).not.toContain('19491231');
  });

  it('the same person typed as 15 digits, 18 digits or with lowercase x gets one key', () => {
    const key = (raw: string) => {
      const r = parseIdNumber('resident', raw, '2026-11-23');
      if (!r.ok) throw new Error(r.code);
      return derivePersonKey(SECRET, 'resident', r.value.normalized);
    };
    expect(key('130503670401001')).toBe(key('130503196704010016'));
    expect(key('11010519491231002x')).toBe(key('11010519491231002X'));
  });

  it('depends on the secret and on the ID type', () => {
    const other = new Uint8Array(32).fill(7);
    expect(derivePersonKey(other, 'resident', '11010519491231002X')).not.toBe(derivePersonKey(SECRET, 'resident', '11010519491231002X'));
    expect(derivePersonKey(SECRET, 'passport', 'E12345678')).not.toBe(derivePersonKey(SECRET, 'hk_macao_pass', 'E12345678'));
  });

  it('refuses a short secret and a non-hex secret', () => {
    expect(() => derivePersonKey(new Uint8Array(8), 'resident', 'x')).toThrow(/too short/);
    expect(() => secretFromHex('zz')).toThrow(/hex/);
    expect(secretFromHex('00ff')).toEqual(new Uint8Array([0, 255]));
  });

  it('property: distinct numbers give distinct keys (no collisions in a sample)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9]{17}[0-9X]$/), { minLength: 50, maxLength: 200 }), (ids) => {
        const keys = new Set(ids.map((id) => derivePersonKey(SECRET, 'resident', id)));
        expect(keys.size).toBe(ids.length);
      }),
      { numRuns: 20 },
    );
  });
});
