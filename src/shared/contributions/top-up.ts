import { mulRound, type Fen } from '../money/fen';
import type { Ratio } from '../money/ratio';
import { compareMonths, monthList, type Month } from '../months';
import { compareVersions, packForMonth } from '../policy/pack-lookup';
import type { PolicyPack } from '../policy/pack-schema';
import type { Scheme } from '../policy/schemes';

/** A month range already paid for one person, as recorded on the payment line. */
export interface PaidLine {
  readonly scheme: Scheme;
  readonly regionCode: string;
  readonly fromMonth: Month;
  readonly toMonth: Month;
  readonly baseFen: Fen | null;
  readonly packVersion: string;
}

export interface TopUpItem {
  readonly month: Month;
  readonly scheme: Scheme;
  readonly regionCode: string;
  readonly paidPackVersion: string;
  readonly newPackVersion: string;
  readonly paidBaseFen: Fen;
  readonly newFloorFen: Fen;
  readonly baseDiffFen: Fen;
  readonly rate: Ratio;
  readonly owedFen: Fen;
  readonly personalAccountFen: Fen;
  readonly pooledFen: Fen;
}

export interface TopUpResult {
  readonly items: readonly TopUpItem[];
  readonly totalFen: Fen;
  readonly personalAccountFen: Fen;
  readonly pooledFen: Fen;
}

/**
 * 补差 for one person (DOMAIN.md §4): for every month already paid under an
 * older pack, when the pack now in force for that month is newer, its topUp
 * rule is 'raise_to_floor' for the scheme, and the paid base is below its
 * floor, the month owes (new floor − paid base) × rate under the new pack.
 *
 * Each month is its own line item, rounded half up once (DOMAIN.md §5).
 * Several lines for the same scheme and month (the original and an earlier
 * 补差) combine as the highest base under the highest pack version: a 补差
 * payment is recorded as a line whose base is the floor it raised the month
 * to and whose version is the pack it settled, so it is never owed twice.
 * Fixed-amount schemes (Beijing's medical) owe nothing here.
 */
export function computeTopUp(paid: readonly PaidLine[], packs: readonly PolicyPack[]): TopUpResult {
  const months = new Map<string, { scheme: Scheme; regionCode: string; month: Month; baseFen: Fen; version: string }>();
  for (const line of paid) {
    if (line.baseFen === null) continue;
    for (const month of monthList(line.fromMonth, line.toMonth)) {
      const key = `${line.scheme}|${line.regionCode}|${month}`;
      const cur = months.get(key);
      months.set(key, {
        scheme: line.scheme,
        regionCode: line.regionCode,
        month,
        baseFen: Math.max(cur?.baseFen ?? 0, line.baseFen),
        version: cur && compareVersions(cur.version, line.packVersion) > 0 ? cur.version : line.packVersion,
      });
    }
  }
  const items: TopUpItem[] = [];
  for (const m of months.values()) {
    const pack = packForMonth(packs, m.regionCode, m.month);
    if (!pack || compareVersions(pack.version, m.version) <= 0) continue;
    const rule = pack.topUp.value;
    if (rule.rule !== 'raise_to_floor' || !(rule.schemes as readonly Scheme[]).includes(m.scheme)) continue;
    const floor = pack.baseFloor.value;
    if (m.baseFen >= floor) continue;
    const rates = schemeRates(pack, m.scheme);
    if (!rates) continue;
    const diff = floor - m.baseFen;
    const owedFen = mulRound(diff, rates.rate);
    const personalAccountFen = rates.personalAccount ? mulRound(diff, rates.personalAccount) : 0;
    items.push({
      month: m.month, scheme: m.scheme, regionCode: m.regionCode, paidPackVersion: m.version, newPackVersion: pack.version,
      paidBaseFen: m.baseFen, newFloorFen: floor, baseDiffFen: diff, rate: rates.rate,
      owedFen, personalAccountFen, pooledFen: owedFen - personalAccountFen,
    });
  }
  items.sort((a, b) => compareMonths(a.month, b.month) || a.scheme.localeCompare(b.scheme));
  return {
    items,
    totalFen: items.reduce((s, i) => s + i.owedFen, 0),
    personalAccountFen: items.reduce((s, i) => s + i.personalAccountFen, 0),
    pooledFen: items.reduce((s, i) => s + i.pooledFen, 0),
  };
}

function schemeRates(pack: PolicyPack, scheme: Scheme): { rate: Ratio; personalAccount: Ratio | null } | null {
  if (scheme === 'employee_pension') return { rate: pack.employeePension.value.rate, personalAccount: pack.employeePension.value.personalAccount };
  const med = pack.flexibleMedical.value;
  if (scheme === 'employee_medical' && med.kind === 'rate') return { rate: med.rate, personalAccount: null };
  return null;
}
