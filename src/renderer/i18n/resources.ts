import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Tree = { readonly [key: string]: string | Tree };

/**
 * Each feature may keep its strings in its own pair of files
 * (locales/<feature>.zh-CN.json and locales/<feature>.en.json) so that
 * features are written and reviewed without touching one shared file.
 * They are merged over the base files here; a key defined twice with
 * different leaves is a mistake the parity test reports.
 */
const zhParts = import.meta.glob<Tree>('./locales/*.zh-CN.json', { eager: true, import: 'default' });
const enParts = import.meta.glob<Tree>('./locales/*.en.json', { eager: true, import: 'default' });

function merge(base: Tree, part: Tree): Tree {
  const out: Record<string, string | Tree> = { ...base };
  for (const [k, v] of Object.entries(part)) {
    const cur = out[k];
    out[k] = typeof v === 'object' && typeof cur === 'object' ? merge(cur, v) : v;
  }
  return out;
}

const mergeAll = (base: Tree, parts: Record<string, Tree>): Tree =>
  Object.keys(parts)
    .sort()
    .reduce((acc, name) => merge(acc, parts[name] ?? {}), base);

export const RESOURCES: { readonly 'zh-CN': Tree; readonly en: Tree } = {
  'zh-CN': mergeAll(zhCN, zhParts),
  en: mergeAll(en, enParts),
};
