import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/renderer/i18n/resources';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, s] of leaves(v, path)) out.set(p, s);
  }
  return out;
}

describe('UI strings', () => {
  const zh = leaves(RESOURCES['zh-CN']);
  const en = leaves(RESOURCES.en);

  // Plural suffixes differ by language (English has _one, Chinese only _other): compare the base keys.
  const base = (keys: Iterable<string>): Set<string> => new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

  it('has every key in both languages', () => {
    const zhKeys = base(zh.keys());
    const enKeys = base(en.keys());
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('uses the same interpolation names in both languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort();
    const mismatched = [...zh].filter(([k, s]) => en.has(k) && vars(s).join() !== vars(en.get(k) ?? '').join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('merges feature files into the base tree', () => {
    expect(zh.get('nav.register')).toBeTruthy();
    expect(zh.size).toBeGreaterThan(300);
  });
});
