import { useEffect, useState } from 'react';
import type { Address } from '../../../shared/person';
import { loadRegionTree, loadTowns, regionName } from '../../regions/region-client';

/** An address as names (省 市 县 街道 detail); codes are shown until the region data has loaded. */
export function AddressText({ address }: { readonly address: Address }) {
  const [, setReady] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all([loadRegionTree(), loadTowns(address.countyCode)])
      .then(() => {
        if (live) setReady((n) => n + 1);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [address.countyCode]);
  const parts = [address.provinceCode, address.cityCode, address.countyCode, address.townCode]
    .filter((c) => c !== '')
    .map((c) => regionName(c) ?? c)
    // 市辖区 is a statistical level, not part of how people write an address.
    .filter((n) => n !== '市辖区');
  return <span data-testid="detail-address">{[parts.join(' '), address.detail].filter((s) => s !== '').join(' ')}</span>;
}
