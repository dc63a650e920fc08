import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadTowns, regionName } from '../../regions/region-client';

/**
 * Names of street/township codes (the worklist's 社区/村 grouping): the town
 * files of the counties involved load on demand; until then the code shows.
 */
export function useTownNames(codes: readonly string[]): (code: string) => string {
  const counties = useMemo(() => [...new Set(codes.filter((c) => c !== '').map((c) => c.slice(0, 6)))].sort().join(','), [codes]);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    const list = counties === '' ? [] : counties.split(',');
    void Promise.all(list.map((c) => loadTowns(c))).then((towns) => {
      if (live) setNames(new Map(towns.flat().map((x) => [x.value, x.label])));
    });
    return () => {
      live = false;
    };
  }, [counties]);
  return useCallback((code: string) => (code === '' ? '' : (names.get(code) ?? regionName(code) ?? code)), [names]);
}
