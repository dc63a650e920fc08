import { HMT_RESIDENCE_PREFIXES, PROVINCE_PREFIXES } from './province-codes';
import { err, ok, type Result } from './result';
import type { IdType } from './id-types';

export type Sex = 'M' | 'F';

export interface ParsedIdNumber {
  /** Canonical form: upper case, 18 characters for GB 11643 numbers. */
  readonly normalized: string;
  /** YYYY-MM-DD when the number encodes it, else null. */
  readonly birthDate: string | null;
  readonly sex: Sex | null;
  /** True when a legacy 15-digit resident number was converted to 18. */
  readonly converted: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 characters (digits only). */
export function gb11643CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Legacy 15-digit number → 18 digits: YYMMDD means 19YY (numbers stopped being issued in 1999). */
export function convert15To18(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + gb11643CheckChar(first17);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Today as YYYY-MM-DD in China Standard Time (UTC+8, no DST), independent of the machine's zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function parseGb11643(raw: string, today: string, prefixes: 'province' | 'hmt'): Result<ParsedIdNumber> {
  let s = raw.toUpperCase();
  let converted = false;
  if (/^\d{15}$/.test(s)) {
    if (prefixes === 'hmt') return err('id.length');
    s = convert15To18(s);
    converted = true;
  }
  if (s.length !== 18) return err('id.length');
  if (!/^\d{17}[\dX]$/.test(s)) return err('id.format');
  if (prefixes === 'province' && !PROVINCE_PREFIXES.has(s.slice(0, 2))) return err('id.province');
  if (prefixes === 'hmt' && !HMT_RESIDENCE_PREFIXES.has(s.slice(0, 6))) return err('id.hmtPrefix');
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1850 || !isRealDate(y, m, d)) return err('id.birthDate');
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (birthDate > today) return err('id.futureBirth');
  const expected = gb11643CheckChar(s.slice(0, 17));
  if (s.charAt(17) !== expected) return err('id.checkDigit', { expected });
  const sex: Sex = Number(s.charAt(16)) % 2 === 1 ? 'M' : 'F';
  return ok({ normalized: s, birthDate, sex, converted });
}

/**
 * Validates an ID number of the given type exactly as DOMAIN.md §2 says and
 * returns its canonical form. Whitespace around the number is ignored;
 * lowercase x is accepted. `today` (YYYY-MM-DD) defaults to today in China.
 */
export function parseIdNumber(type: IdType, input: string, today: string = todayInChina()): Result<ParsedIdNumber> {
  const raw = input.trim();
  if (raw === '') return err('id.empty');
  const upper = raw.toUpperCase();
  const plain = (re: RegExp): Result<ParsedIdNumber> =>
    re.test(upper) ? ok({ normalized: upper, birthDate: null, sex: null, converted: false }) : err('id.format');
  switch (type) {
    case 'resident':
      return parseGb11643(raw, today, 'province');
    case 'hmt_residence':
      return parseGb11643(raw, today, 'hmt');
    case 'foreign_permanent':
      if (/^9\d{16}[\dX]$/.test(upper)) {
        // 2023 layout shares GB 11643's check character.
        return upper.charAt(17) === gb11643CheckChar(upper.slice(0, 17))
          ? ok({ normalized: upper, birthDate: null, sex: null, converted: false })
          : err('id.checkDigit', { expected: gb11643CheckChar(upper.slice(0, 17)) });
      }
      return plain(/^[A-Z]{3}\d{12}$/);
    case 'hk_macao_pass':
      return plain(/^[HM]\d{8}(\d{2})?$/);
    case 'taiwan_pass':
      return plain(/^\d{8}$/);
    case 'passport':
      return plain(/^[A-Z0-9]{5,17}$/);
  }
}
