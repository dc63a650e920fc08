/**
 * Client for the GB/T 2260 region data that scripts/build-regions.mjs writes
 * to dist/renderer/regions/. The tree (province → city → county) loads once;
 * streets/towns load per county on demand, so the bundle carries none of it.
 * Paths are relative to the page, so this works under http and app:// alike.
 */

/** [code, name, children?] as written by build-regions.mjs. */
type RawNode = [string, string, RawNode[]?];
/** [12-digit town code, name]. */
type RawTown = [string, string];

export interface RegionNode {
  readonly value: string;
  readonly label: string;
  readonly children?: RegionNode[];
}

export interface TownOption {
  readonly value: string;
  readonly label: string;
}

let treePromise: Promise<RegionNode[]> | null = null;
const townCache = new Map<string, Promise<TownOption[]>>();
const nameIndex = new Map<string, string>();

function toNode([code, name, children]: RawNode): RegionNode {
  nameIndex.set(code, name);
  return children ? { value: code, label: name, children: children.map(toNode) } : { value: code, label: name };
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`regions: ${url} → ${String(res.status)}`);
  return res.json();
}

/** Province → city → county tree for the cascader. Cached for the page's lifetime; a failure can be retried. */
export function loadRegionTree(): Promise<RegionNode[]> {
  treePromise ??= fetchJson('./regions/tree.json')
    .then((raw) => (raw as RawNode[]).map(toNode))
    .catch((e: unknown) => {
      treePromise = null;
      throw e;
    });
  return treePromise;
}

/** Streets and towns of one county (6-digit code); empty when the data has none for it. */
export function loadTowns(countyCode: string): Promise<TownOption[]> {
  if (!/^\d{6}$/.test(countyCode)) return Promise.resolve([]);
  let p = townCache.get(countyCode);
  if (!p) {
    p = fetch(`./regions/towns/${countyCode}.json`)
      .then(async (res) => (res.ok ? ((await res.json()) as RawTown[]) : []))
      .then((rows) =>
        rows.map(([value, label]) => {
          nameIndex.set(value, label);
          return { value, label };
        }),
      )
      .catch(() => {
        townCache.delete(countyCode);
        return [];
      });
    townCache.set(countyCode, p);
  }
  return p;
}

/** Name of a loaded region code, or null if its level has not been loaded yet. */
export function regionName(code: string): string | null {
  return nameIndex.get(code) ?? null;
}

/**
 * The cascader path for a GB/T 2260 region code of any level, e.g. the
 * station's city '120100' → ['120000', '120100']. Used to prefill addresses
 * with the station's own region.
 */
export function regionPath(tree: readonly RegionNode[], code: string): string[] {
  const walk = (nodes: readonly RegionNode[] | undefined, trail: string[]): string[] | null => {
    for (const n of nodes ?? []) {
      const next = [...trail, n.value];
      if (n.value === code) return next;
      if (n.children && code.startsWith(n.value.replace(/0+$/, ''))) {
        const found = walk(n.children, next);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(tree, []) ?? [];
}

/**
 * Warms the town files of every county under a region (e.g. the station's
 * city), so the service worker has them cached for offline use.
 */
export async function prefetchTownsUnder(code: string): Promise<void> {
  const tree = await loadRegionTree();
  const path = regionPath(tree, code);
  let nodes: readonly RegionNode[] = tree;
  let node: RegionNode | undefined;
  for (const c of path) {
    node = nodes.find((n) => n.value === c);
    nodes = node?.children ?? [];
  }
  const counties: string[] = [];
  const collect = (n: RegionNode): void => {
    if (n.children) n.children.forEach(collect);
    else counties.push(n.value);
  };
  if (node) collect(node);
  // Only a station's own city: a whole province would be hundreds of requests.
  if (counties.length <= 60) await Promise.all(counties.map(loadTowns));
}
