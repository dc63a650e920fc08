import { useCallback, useMemo, useRef, useState } from 'react';
import type { Person } from '../../../shared/person';
import { useData } from '../../data/data-context';

/** Rows fetched per getMany call: a screenful or two, so scrolling costs one read per page. */
export const PAGE_SIZE = 100;
/** Pages kept in memory; beyond this the farthest from view are dropped (100,000 rows must not all stay loaded). */
const MAX_PAGES = 40;

interface PageStore {
  readonly ids: readonly string[];
  readonly pages: Map<number, Map<string, Person>>;
  readonly loading: Set<number>;
}

/**
 * Loads rows of a long id list page by page as they come into view, and
 * caches them. `ensure(first, last)` is called with the visible range;
 * `row(i)` returns the person or undefined while its page loads.
 *
 * The cache is keyed by the ids array itself and swapped synchronously when
 * it changes (not in an effect): the list's own effect asks for rows before
 * a parent effect would run, and must not fill a cache about to be dropped.
 */
export function usePersonPages(ids: readonly string[]) {
  const data = useData();
  const store = useRef<PageStore>({ ids, pages: new Map(), loading: new Set() });
  const [, setVersion] = useState(0);

  const storeFor = useCallback((list: readonly string[]): PageStore => {
    if (store.current.ids !== list) store.current = { ids: list, pages: new Map(), loading: new Set() };
    return store.current;
  }, []);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (ids.length === 0) return;
      const s = storeFor(ids);
      const firstPage = Math.floor(first / PAGE_SIZE);
      const lastPage = Math.floor(Math.min(last, ids.length - 1) / PAGE_SIZE);
      for (let p = firstPage; p <= lastPage; p++) {
        if (s.pages.has(p) || s.loading.has(p)) continue;
        s.loading.add(p);
        const slice = ids.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
        data.persons.getMany(slice).then(
          (persons) => {
            s.loading.delete(p);
            if (store.current !== s) return; // the list changed meanwhile
            s.pages.set(p, new Map(persons.map((x) => [x.id, x])));
            if (s.pages.size > MAX_PAGES) {
              const far = [...s.pages.keys()].sort((a, b) => Math.abs(b - firstPage) - Math.abs(a - firstPage));
              for (const k of far.slice(0, s.pages.size - MAX_PAGES)) s.pages.delete(k);
            }
            setVersion((v) => v + 1);
          },
          () => {
            s.loading.delete(p);
          },
        );
      }
    },
    [data, ids, storeFor],
  );

  const row = useCallback(
    (i: number): Person | undefined => {
      const id = ids[i];
      return id === undefined ? undefined : storeFor(ids).pages.get(Math.floor(i / PAGE_SIZE))?.get(id);
    },
    [ids, storeFor],
  );

  return useMemo(() => ({ ensure, row }), [ensure, row]);
}
