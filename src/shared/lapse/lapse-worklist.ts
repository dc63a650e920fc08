import type { CategoryCode } from '../person';
import type { Scheme } from '../policy/schemes';
import type { AgeBand, PersonLapse } from './lapse-detection';

/** One person on the station's lapse worklist (断缴名单). */
export interface LapseRow {
  readonly personId: string;
  readonly name: string;
  readonly idNumber: string;
  readonly sex: 'M' | 'F';
  readonly birthDate: string;
  readonly phone: string;
  /** Street/township code (社区/村 grouping), '' when not recorded. */
  readonly townCode: string;
  readonly addressDetail: string;
  /** Categories held in the current month. */
  readonly categories: readonly CategoryCode[];
  readonly lapse: PersonLapse;
}

export interface LapseFilter {
  readonly category?: CategoryCode | null;
  readonly townCode?: string | null;
  readonly scheme?: Scheme | null;
  /** Longest gap at least this many months. */
  readonly minMonths?: number | null;
  readonly ageBand?: AgeBand | null;
  /** Short of the pension minimum by at least this many years (0: short at all). */
  readonly minYearsShort?: number | null;
  readonly nearRetirementOnly?: boolean;
}

export function matchesFilter(row: LapseRow, f: LapseFilter): boolean {
  if (f.category && !row.categories.includes(f.category)) return false;
  if (f.townCode && row.townCode !== f.townCode) return false;
  if (f.scheme && !row.lapse.schemes.some((s) => s.scheme === f.scheme)) return false;
  if (f.minMonths != null && row.lapse.monthsUnpaid < f.minMonths) return false;
  if (f.ageBand && row.lapse.ageBand !== f.ageBand) return false;
  if (f.minYearsShort != null) {
    const short = row.lapse.pension?.monthsShort ?? 0;
    if (short < Math.max(1, f.minYearsShort * 12)) return false;
  }
  if (f.nearRetirementOnly && !row.lapse.nearRetirement) return false;
  return true;
}

export const LAPSE_SORT_KEYS = ['name', 'monthsUnpaid', 'since', 'age', 'monthsShort', 'monthsToRetirement'] as const;
export type LapseSortKey = (typeof LAPSE_SORT_KEYS)[number];
export interface LapseSort {
  readonly key: LapseSortKey;
  readonly order: 'asc' | 'desc';
}

/** Missing figures (no pension scheme) sort last whatever the order. */
function sortValue(row: LapseRow, key: LapseSortKey): string | number | null {
  switch (key) {
    case 'name': return row.name;
    case 'monthsUnpaid': return row.lapse.monthsUnpaid;
    case 'since': return row.lapse.since;
    case 'age': return row.lapse.ageYears;
    case 'monthsShort': return row.lapse.pension?.monthsShort ?? null;
    case 'monthsToRetirement': return row.lapse.pension?.monthsToRetirement ?? null;
  }
}

const collator = new Intl.Collator('zh-CN');

/** A stable order: the key, then name, then person id (so equal rows never swap between renders). */
export function sortRows(rows: readonly LapseRow[], sort: LapseSort): LapseRow[] {
  const dir = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      const c = typeof va === 'string' && typeof vb === 'string' ? collator.compare(va, vb) : Number(va) - Number(vb);
      if (c !== 0) return c * dir;
    }
    return collator.compare(a.name, b.name) || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
  });
}

export interface LapseCounts {
  readonly people: number;
  readonly byScheme: Readonly<Partial<Record<Scheme, number>>>;
  readonly short: number;
  readonly nearRetirement: number;
}

export function lapseCounts(rows: readonly LapseRow[]): LapseCounts {
  const byScheme: Partial<Record<Scheme, number>> = {};
  let short = 0;
  let nearRetirement = 0;
  for (const r of rows) {
    for (const s of r.lapse.schemes) byScheme[s.scheme] = (byScheme[s.scheme] ?? 0) + 1;
    if ((r.lapse.pension?.monthsShort ?? 0) > 0) short += 1;
    if (r.lapse.nearRetirement) nearRetirement += 1;
  }
  return { people: rows.length, byScheme, short, nearRetirement };
}

/** Categories whose date range covers `day` (YYYY-MM-DD). */
export function categoriesOn(categories: readonly { code: CategoryCode; from: string; to: string | null }[], day: string): CategoryCode[] {
  return [...new Set(categories.filter((c) => c.from <= day && (c.to === null || c.to >= day)).map((c) => c.code))];
}

