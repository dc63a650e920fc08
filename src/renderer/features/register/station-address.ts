import type { PersonFormInput } from './person-form-schema';

/**
 * A new person's address starts in the station's own region (most people a
 * station registers live there), derived from the region code digits alone
 * so the form never waits for the region data: '120104' → 120000 / 120100 /
 * 120104. Municipalities get the synthetic 市辖区 city level (xx0100) that
 * the region data uses.
 */
/** 北京, 天津, 上海, 重庆: their counties sit under a 市辖区 level in the region data. */
const MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

export function stationAddress(regionCode: string): PersonFormInput['address'] | null {
  if (!/^\d{6}$/.test(regionCode)) return null;
  const province = `${regionCode.slice(0, 2)}0000`;
  const cityPart = regionCode.slice(2, 4);
  const countyPart = regionCode.slice(4, 6);
  const municipality = MUNICIPALITIES.has(regionCode.slice(0, 2));
  const city = cityPart === '00' ? (municipality ? `${regionCode.slice(0, 2)}0100` : '') : `${regionCode.slice(0, 4)}00`;
  const county = countyPart === '00' || city === '' ? '' : regionCode;
  return { provinceCode: province, cityCode: city, countyCode: county, townCode: '', detail: '' };
}
