/**
 * First two digits of GB/T 2260 address codes. These 34 province-level
 * prefixes are fixed by the standard (they have not changed since 1997),
 * unlike county codes, which are abolished and reassigned; so the ID check
 * validates the prefix only and never rejects an abolished county.
 * 83 is used only by 台湾居民居住证 (830000); 81/82 by HK/Macao residence
 * permits (810000/820000).
 */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Prefixes of 港澳台居民居住证 numbers (GB 11643 format, fixed address code). */
export const HMT_RESIDENCE_PREFIXES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);
