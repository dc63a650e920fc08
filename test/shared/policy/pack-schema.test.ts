import { describe, expect, it } from 'vitest';
import { compareVersions, interestRatesByYear, packForMonth } from '../../../src/shared/policy/pack-lookup';
import type { Ratio } from '../../../src/shared/money/ratio';
import { policyPackSchema, type PolicyPack } from '../../../src/shared/policy/pack-schema';
import { BEIJING, packFiles, rawPack, shippedPack, shippedPacks, TIANJIN, ZHEJIANG } from './packs';

describe('shipped policy packs (assets/policy-packs)', () => {
  it('there are packs for Tianjin, Beijing and Zhejiang, 2024 and 2025', () => {
    expect(packFiles()).toEqual([
      'beijing-2024.1.json', 'beijing-2025.1.json', 'tianjin-2024.1.json', 'tianjin-2025.1.json', 'zhejiang-2024.1.json', 'zhejiang-2025.1.json',
    ]);
  });

  it.each(packFiles())('%s validates against the schema', (file) => {
    const r = policyPackSchema.safeParse(rawPack(file));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(packFiles())('%s: file name matches region and version', (file) => {
    const p = shippedPack(file);
    const region = { '110000': 'beijing', '120000': 'tianjin', '330000': 'zhejiang' }[p.region.code];
    expect(file).toBe(`${region ?? '?'}-${p.version}.json`);
  });

  it('carries the figures of DOMAIN.md §4 as official', () => {
    const bj = shippedPack('beijing-2025.1.json');
    expect([bj.baseFloor.value, bj.baseCeiling.value, bj.effectiveFrom, bj.publishedAt]).toEqual([716200, 3581100, '2025-07', '2025-09-18']);
    expect(bj.baseFloor.status).toBe('official');
    expect(bj.flexibleMedical.value).toEqual({ kind: 'fixed', amountPerMonth: 58492 });
    const tj = shippedPack('tianjin-2025.1.json');
    expect([tj.baseFloor.value, tj.baseCeiling.value]).toEqual([512400, 2562000]);
    expect(tj.flexibleMedical.value).toEqual({ kind: 'rate', rate: { num: 850, den: 10000 } });
    expect(tj.employmentSubsidy.value.rules.map((r) => r.amount)).toEqual([
      { kind: 'fixed', amountPerMonth: 60000 }, { kind: 'fixed', amountPerMonth: 20000 },
    ]);
    const zj = shippedPack('zhejiang-2025.1.json');
    expect([zj.baseFloor.value, zj.baseCeiling.value, zj.averageWage.value]).toEqual([498600, 2529900, 831000]);
  });

  it('never marks a value official unless DOMAIN.md gives it as official; every unconfirmed value says why', () => {
    for (const p of shippedPacks()) {
      const values = [p.averageWage, p.baseFloor, p.baseCeiling, p.employeePension, p.flexibleMedical, p.paymentFrequencies, p.residentsPension, p.residentsMedical, p.employmentSubsidy, p.backPayment, p.topUp];
      for (const v of values) {
        if (v.status === 'unconfirmed') expect(v.note, `${p.region.name} ${p.version}`).toBeTruthy();
        if (v.status === 'official') expect(v.source.title + (v.source.doc ?? '')).toMatch(/DOMAIN\.md|国发/);
      }
    }
  });

  it('carries the national crediting rates of DOMAIN.md §6', () => {
    const rates = interestRatesByYear(shippedPacks(), BEIJING);
    expect([...rates.entries()].map(([y, r]) => `${y}:${r.value.num}`)).toEqual([
      '2016:831', '2017:712', '2018:829', '2019:761', '2020:604', '2021:669', '2022:612', '2023:397', '2024:262',
    ]);
  });
});

describe('packForMonth', () => {
  const packs = shippedPacks();
  it('picks the pack in force, the newest version winning, and none before the first pack', () => {
    expect(packForMonth(packs, BEIJING, '2024-06')).toBeUndefined();
    expect(packForMonth(packs, BEIJING, '2024-07')?.version).toBe('2024.1');
    expect(packForMonth(packs, BEIJING, '2025-06')?.version).toBe('2024.1');
    expect(packForMonth(packs, BEIJING, '2025-07')?.version).toBe('2025.1');
    // A pack stays in force until a newer one covers the month (late publication: keep collecting).
    expect(packForMonth(packs, TIANJIN, '2026-03')?.version).toBe('2025.1');
    expect(packForMonth(packs.filter((p) => p.version === '2024.1'), ZHEJIANG, '2025-03')?.version).toBe('2024.1');
    expect(packForMonth(packs, '440000', '2025-03')).toBeUndefined();
  });

  it('orders versions numerically', () => {
    expect(compareVersions('2025.10', '2025.9')).toBeGreaterThan(0);
    expect(compareVersions('2024.3', '2025.1')).toBeLessThan(0);
    expect(compareVersions('2025.1', '2025.1')).toBe(0);
  });
});

describe('policyPackSchema refuses bad packs', () => {
  const good = shippedPack('tianjin-2025.1.json');
  const mutate = (f: (p: PolicyPack) => void): unknown => {
    const p = structuredClone(good);
    f(p);
    return p;
  };
  it.each([
    ['floor above ceiling', mutate((p) => { p.baseFloor.value = 9_999_900; })],
    ['floor not whole yuan', mutate((p) => { p.baseFloor.value = 512_450; })],
    ['split does not add up to the rate', mutate((p) => { p.employeePension.value.pooled = { num: 1100, den: 10000 }; })],
    ['float rate', mutate((p) => { (p.flexibleMedical.value as { rate: Ratio }).rate = { num: 8.5, den: 100 }; })],
    ['unknown status', mutate((p) => { (p.baseFloor as { status: string }).status = 'guess'; })],
    ['bad month', mutate((p) => { p.effectiveFrom = '2025-13'; })],
    ['effectiveTo before effectiveFrom', mutate((p) => { p.effectiveTo = '2024-12'; })],
    ['unknown field', mutate((p) => { (p as Record<string, unknown>).extra = 1; })],
    ['missing source', mutate((p) => { delete (p.averageWage as Partial<PolicyPack['averageWage']>).source; })],
    ['duplicate interest year', mutate((p) => { p.interestRates.push(p.interestRates[0]!); })],
  ])('%s', (_name, pack) => {
    expect(policyPackSchema.safeParse(pack).success).toBe(false);
  });
});
