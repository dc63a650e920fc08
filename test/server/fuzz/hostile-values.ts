import type { Prng } from '../../../src/server/demo/prng';

/**
 * Value-level building blocks of the fuzzer. Values are JSON *text*
 * fragments, so that things JSON.stringify cannot produce (prototype keys
 * as own keys, 100,000-deep nesting, duplicate keys) reach the server.
 */

/** Strings that break naive code: NUL, lone surrogates, BOM, bidi overrides, SQL and format strings, CJK ext B. */
export const UNICODE_EDGES: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\ud83d\ude00',
  '\u202e\u202dRTL',
  '\u200b\u200c\u200d',
  '\ufeff',
  '\uffff\ufffe',
  '\u0301'.repeat(300),
  '𠀀𪚥𰻞',
  'Ａｂｃ１２３',
  '\r\n\t\v\f',
  "'; DROP TABLE docs; --",
  '$1 $2 %s %n {{x}} ${x}',
  '\\\\\\"',
  '<script>alert(1)</script>',
  '   ',
  '',
];

/** JSON text of a string value (JSON.stringify escapes lone surrogates as \udxxx, which is valid JSON). */
export const jsonString = (s: string): string => JSON.stringify(s);

/** Deeply nested arrays or objects, `depth` levels (JSON text). */
export function deepJson(rng: Prng, depth: number): string {
  if (rng.chance(0.5)) return '['.repeat(depth) + ']'.repeat(depth);
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export const DEPTHS: readonly number[] = [64, 1_000, 10_000, 100_000];

/** Objects whose keys target prototype pollution, as JSON text. */
export const PROTO_OBJECTS: readonly string[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":null}',
  '{"a":1,"__proto__":{"isAdmin":true}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":null}',
];

/** A string of `mb` megabytes (ASCII, so bytes = chars). */
export const hugeString = (mb: number): string => 'x'.repeat(Math.floor(mb * 1024 * 1024));

/** Any hostile JSON value (text), small unless `allowHuge`. */
export function hostileJson(rng: Prng, allowHuge = false): string {
  const k = rng.int(0, allowHuge ? 12 : 11);
  switch (k) {
    case 0:
      return 'null';
    case 1:
      return rng.pick(['0', '-1', '1e308', '-1e-308', '9007199254740993', '123456789012345678901234567890', '0.1']);
    case 2:
      return rng.pick(['true', 'false']);
    case 3:
      return jsonString(rng.pick(UNICODE_EDGES));
    case 4:
      return rng.pick(['[]', '{}', '[null]', '[[]]', '{"":""}']);
    case 5:
      return deepJson(rng, rng.pick(DEPTHS));
    case 6:
      return rng.pick(PROTO_OBJECTS);
    case 7:
      return `[${Array.from({ length: rng.int(1, 5_000) }, () => '0').join(',')}]`;
    case 8:
      return jsonString('z'.repeat(rng.int(1, 70_000)));
    case 9:
      return '{"a":1,"a":2}';
    case 10:
      return jsonString(rng.digits(rng.int(1, 40)));
    case 11:
      return rng.pick(['"1"', '"true"', '"null"', '"[]"']);
    default:
      return jsonString(hugeString(rng.int(1, 6)));
  }
}

type JsonKind = 'null' | 'number' | 'boolean' | 'string' | 'array' | 'object';

const kindOf = (v: unknown): JsonKind =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : typeof v === 'string' ? 'string' : 'object';

const SAMPLE: Record<Exclude<JsonKind, 'null'>, readonly string[]> = {
  number: ['0', '-1', '1e308', '3.14'],
  boolean: ['true', 'false'],
  string: ['""', '"x"', '"null"', '"0"'],
  array: ['[]', '[1]', '[{}]', '["a"]'],
  object: ['{}', '{"x":1}', '{"__proto__":{"x":1}}'],
};

/**
 * JSON text of a value whose JSON type differs from `original`'s and is
 * never null: such a value can never pass a schema that accepted
 * `original` (no field of ours is a union of two JSON types but null).
 */
export function wrongTypeJson(rng: Prng, original: unknown): string {
  const own = kindOf(original);
  const kinds = (Object.keys(SAMPLE) as (keyof typeof SAMPLE)[]).filter((k) => k !== own);
  return rng.pick(SAMPLE[rng.pick(kinds)]);
}

/** Every path (keys, array indexes) of a JSON value, down to the leaves, including objects themselves. */
export function jsonPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...jsonPaths(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...jsonPaths(x, [...prefix, k]));
  return out;
}

export function getPath(v: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = v;
  for (const p of path) cur = (cur as Record<string | number, unknown>)[p];
  return cur;
}

const SENTINEL = '\u0001FUZZ-RAW\u0001';

/** JSON text of `v` with the value at `path` replaced by raw JSON text `raw` (path [] = the whole value). */
export function replaceAtPath(v: unknown, path: readonly (string | number)[], raw: string): string {
  if (path.length === 0) return raw;
  const copy: unknown = structuredClone(v);
  const parent = getPath(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return raw;
  parent[last] = SENTINEL;
  return JSON.stringify(copy).replace(JSON.stringify(SENTINEL), () => raw);
}

/** JSON text of object `v` with an extra raw key/value pair appended. */
export function withExtraKey(v: Record<string, unknown>, rawKey: string, raw: string): string {
  const s = JSON.stringify(v);
  return s === '{}' ? `{${rawKey}:${raw}}` : `${s.slice(0, -1)},${rawKey}:${raw}}`;
}
