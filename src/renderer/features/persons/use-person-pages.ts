import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Person } from '../../../shared/person';
import { useData } from '../../data/data-context';

/** Rows fetched per getMany call: a screenful or two, so scrolling costs one read per page. */
export const PAGE_SIZE = 100;
/** Pages kept in memory; beyond this the farthest from view are dropped (100,000 rows must not all stay loaded). */
const MAX_PAGES = 40;

/**
 * Loads rows of a long id list page by page as they come into view, and
 * caches them. `ensure(first, last)` is called with the visible range;
 * `row(i)` returns the person or undefined while its page loads.
 */
export function usePersonPages(ids: readonly string[]) {
  const data = useData();
  const pages = useRef(new Map<number, Map<string, Person>>());
  const loading = useRef(new Set<number>());
  const [, setVersion] = useState(0);

  // A new list (new search, refresh after sync) invalidates every page.
  useEffect(() => {
    pages.current = new Map();
    loading.current = new Set();
    setVersion((v) => v + 1);
  }, [ids]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (ids.length === 0) return;
      const firstPage = Math.floor(first / PAGE_SIZE);
      const lastPage = Math.floor(Math.min(last, ids.length - 1) / PAGE_SIZE);
      const cache = pages.current;
      for (let p = firstPage; p <= lastPage; p++) {
        if (cache.has(p) || loading.current.has(p)) continue;
        loading.current.add(p);
        const slice = ids.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
        data.persons.getMany(slice).then(
          (persons) => {
            if (pages.current !== cache) return; // the list changed meanwhile
            loading.current.delete(p);
            cache.set(p, new Map(persons.map((x) => [x.id, x])));
            if (cache.size > MAX_PAGES) {
              const far = [...cache.keys()].sort((a, b) => Math.abs(b - firstPage) - Math.abs(a - firstPage));
              for (const k of far.slice(0, cache.size - MAX_PAGES)) cache.delete(k);
            }
            setVersion((v) => v + 1);
          },
          () => {
            loading.current.delete(p);
          },
        );
      }
    },
    [data, ids],
  );

  const row = useCallback(
    (i: number): Person | undefined => {
      const id = ids[i];
      return id === undefined ? undefined : pages.current.get(Math.floor(i / PAGE_SIZE))?.get(id);
    },
    [ids],
  );

  return useMemo(() => ({ ensure, row }), [ensure, row]);
}
