import { err, ok, type Result } from '../result';

/**
 * Receipt numbers made with no network (issue 3 §4):
 *   station code + device number (3 digits) + year (4) + serial (6) + check character,
 *   written HX01-003-2025-000123-K.
 * Unique because the server gives each device its own serial blocks per year
 * and the station code and device number are in the number.
 *
 * Check character: ISO 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z). It
 * covers the letters of the station code too (MOD 11-2 covers digits only),
 * detects every single mistyped character and all but about 0.2% of swaps of
 * two adjacent characters (a hybrid system; measured in the tests), and the
 * check is one character from the same alphabet, so the number stays typeable
 * on a plain keyboard.
 */
export interface ReceiptNumberParts {
  readonly stationCode: string;
  readonly deviceNo: number;
  readonly year: number;
  readonly serial: number;
}

export const STATION_CODE_PATTERN = /^[A-Z0-9]{1,12}$/;
export const MAX_DEVICE_NO = 999;
export const MAX_SERIAL = 999_999;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/** ISO 7064 MOD 37,36 check character of an alphanumeric string (upper case). */
export function mod37_36(body: string): string {
  let product = M;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not alphanumeric: ${ch}`);
    let sum = (product + v) % M;
    if (sum === 0) sum = M;
    product = (sum * 2) % (M + 1);
  }
  const check = (M + 1 - product) % M;
  return ALPHABET.charAt(check);
}

const compactBody = (p: ReceiptNumberParts): string =>
  `${p.stationCode}${String(p.deviceNo).padStart(3, '0')}${String(p.year)}${String(p.serial).padStart(6, '0')}`;

export function formatReceiptNumber(p: ReceiptNumberParts): string {
  if (!STATION_CODE_PATTERN.test(p.stationCode)) throw new Error(`station code not usable in receipts: ${p.stationCode}`);
  if (!Number.isInteger(p.deviceNo) || p.deviceNo < 1 || p.deviceNo > MAX_DEVICE_NO) throw new Error(`device number out of range: ${p.deviceNo}`);
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 9999) throw new Error(`year out of range: ${p.year}`);
  if (!Number.isInteger(p.serial) || p.serial < 1 || p.serial > MAX_SERIAL) throw new Error(`serial out of range: ${p.serial}`);
  const d = String(p.deviceNo).padStart(3, '0');
  const s = String(p.serial).padStart(6, '0');
  return `${p.stationCode}-${d}-${String(p.year)}-${s}-${mod37_36(compactBody(p))}`;
}

/**
 * Reads a number as typed: hyphens and spaces optional, lower case accepted.
 * Codes: 'receipt.format' (shape), 'receipt.check' (a character is wrong).
 */
export function parseReceiptNumber(raw: string): Result<ReceiptNumberParts & { readonly formatted: string }> {
  const upper = raw.trim().toUpperCase();
  // With separators, each field must have its full width (a dropped digit is a format error, not a check error).
  if (/[\s-]/.test(upper) && !/^[A-Z0-9]{1,12}[\s-]+\d{3}[\s-]+\d{4}[\s-]+\d{6}[\s-]+[0-9A-Z]$/.test(upper)) return err('receipt.format');
  const t = upper.replace(/[\s-]/g, '');
  const m = /^([A-Z0-9]{1,12})(\d{3})(\d{4})(\d{6})([0-9A-Z])$/.exec(t);
  if (!m) return err('receipt.format');
  const [, stationCode = '', dev = '', yr = '', ser = '', check = ''] = m;
  const parts = { stationCode, deviceNo: Number(dev), year: Number(yr), serial: Number(ser) };
  if (parts.deviceNo < 1 || parts.serial < 1 || parts.year < 2000) return err('receipt.format');
  if (mod37_36(compactBody(parts)) !== check) return err('receipt.check');
  return ok({ ...parts, formatted: formatReceiptNumber(parts) });
}
