import { monthInSpan, type Month } from '../months';
import type { PolicyPack } from './pack-schema';

/** Orders '2024.1' < '2024.2' < '2025.1' numerically (so '2025.10' > '2025.9'). */
export function compareVersions(a: string, b: string): number {
  const [ay = 0, ar = 0] = a.split('.').map(Number);
  const [by = 0, br = 0] = b.split('.').map(Number);
  return ay !== by ? ay - by : ar - br;
}

/**
 * The pack in force for a region in a month. When packs overlap (a revision
 * of the same year, or a late pack that reaches back over months an earlier
 * pack covered), the highest version wins: a later publication replaces the
 * earlier one for the months it covers, and the earlier stays for history.
 */
export function packForMonth(packs: readonly PolicyPack[], regionCode: string, month: Month): PolicyPack | undefined {
  let best: PolicyPack | undefined;
  for (const p of packs) {
    if (p.region.code !== regionCode || !monthInSpan(month, p.effectiveFrom, p.effectiveTo)) continue;
    if (!best || compareVersions(p.version, best.version) > 0) best = p;
  }
  return best;
}

export const findPackVersion = (packs: readonly PolicyPack[], regionCode: string, version: string): PolicyPack | undefined =>
  packs.find((p) => p.region.code === regionCode && p.version === version);

/**
 * Crediting rates by year from all packs of a region. The national rate of a
 * year is the same in every pack; where two packs disagree the higher pack
 * version wins (a correction).
 */
export function interestRatesByYear(packs: readonly PolicyPack[], regionCode: string): Map<number, PolicyPack['interestRates'][number]> {
  const sorted = packs.filter((p) => p.region.code === regionCode).sort((a, b) => compareVersions(a.version, b.version));
  const out = new Map<number, PolicyPack['interestRates'][number]>();
  for (const p of sorted) for (const r of p.interestRates) out.set(r.year, r);
  return out;
}
