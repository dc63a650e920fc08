import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRatio, formatYuan, packValueRows } from '../../src/renderer/features/policy-packs/pack-values';
import en from '../../src/renderer/i18n/locales/en.json';
import zhCN from '../../src/renderer/i18n/locales/zh-CN.json';
import { shippedPack } from './pack-centre';

const PACKS = ['tianjin-2025.1.json', 'beijing-2025.1.json', 'zhejiang-2024.1.json'];
let zh: TFunction;
let english: TFunction;

beforeAll(async () => {
  const make = async (lng: string): Promise<TFunction> => {
    const i = i18next.createInstance();
    await i.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
    return i.t;
  };
  zh = await make('zh-CN');
  english = await make('en');
});

describe('pack value display', () => {
  it('formats fen as yuan with two decimals and ratios as percentages', () => {
    expect(formatYuan(512400, 'zh-CN')).toBe('5,124.00');
    expect(formatYuan(58492, 'en')).toBe('584.92');
    expect(formatYuan(5, 'en')).toBe('0.05');
    expect(formatRatio({ num: 850, den: 10000 }, 'zh-CN')).toBe('8.5%');
    expect(formatRatio({ num: 2000, den: 10000 }, 'zh-CN')).toBe('20%');
    expect(formatRatio({ num: 2, den: 3 }, 'en')).toBe('≈66.67% (2/3)');
  });

  it('lists Tianjin 2025 with its figures, sources and statuses', () => {
    const pack = shippedPack('tianjin-2025.1.json');
    const rows = new Map(packValueRows(pack, zh, 'zh-CN').map((r) => [r.key, r]));
    expect(rows.get('baseFloor')).toMatchObject({ label: '缴费基数下限', lines: ['5,124.00 元/月'], status: 'official' });
    expect(rows.get('baseCeiling')?.lines).toEqual(['25,620.00 元/月']);
    expect(rows.get('employeePension')?.lines).toEqual(['20%（个人账户 8%，统筹 12%）']);
    expect(rows.get('flexibleMedical')?.lines).toEqual(['缴费基数的 8.5%']);
    expect(rows.get('averageWage')).toMatchObject({ status: 'unconfirmed', note: pack.averageWage.note });
    expect(rows.get('employeePension')?.source).toEqual({ title: '国务院关于完善企业职工基本养老保险制度的决定', doc: '国发〔2005〕38号' });
    for (const r of pack.interestRates) expect(rows.has(`interestRate-${String(r.year)}`)).toBe(true);
  });

  it('has a translation for every label and line in both languages', () => {
    for (const [t, lang] of [[zh, 'zh-CN'], [english, 'en']] as const) {
      for (const file of PACKS) {
        for (const row of packValueRows(shippedPack(file), t, lang)) {
          // A missing key comes back as the key itself.
          expect(row.label).not.toMatch(/^packs\./);
          for (const line of row.lines) expect(line).not.toMatch(/packs\.|categories\.|\{\{/);
        }
      }
    }
  });

  it('has a message for every refusal code, and status names', () => {
    expect(zh('errors.pack.signature')).toBe('政策参数包签名校验失败，已拒绝使用，请联系中心');
    for (const t of [zh, english]) {
      for (const code of ['signature', 'unknownKey', 'schema', 'envelope']) expect(t(`errors.pack.${code}`, { keyId: 'k', path: 'p', field: 'f' })).not.toMatch(/errors\.|\{\{/);
      for (const s of ['official', 'agreed', 'local', 'unconfirmed']) expect(t(`packs.status.${s}`)).not.toMatch(/packs\./);
    }
    expect(zh('packs.status.unconfirmed')).toBe('未经确认');
  });
});
