/**
 * Canonical JSON for signatures: object keys sorted by UTF-16 code units,
 * no whitespace, keys whose value is undefined left out (as JSON.stringify
 * does), arrays kept in order. The signer and every verifier must produce
 * the same bytes from the same value, whatever key order the JSON file or a
 * database round-trip gave it. Non-finite numbers cannot be signed.
 */
export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error('canonical JSON: non-finite number');
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x: unknown) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON: cannot encode ${typeof v}`);
  }
}
