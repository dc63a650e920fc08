import { todayInChina } from '../../../shared/id-number';

/**
 * ID number as shown in lists: region code and last four kept, the rest
 * (birth date, sequence) hidden, e.g. 120104********1234. Lists are often
 * visible to the person at the window and to people behind them; the detail
 * page shows the full number.
 */
export function maskIdNumber(id: string): string {
  if (id.length >= 14) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
  if (id.length > 4) return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
  return id;
}

/** Whole years of age on `today` (YYYY-MM-DD, China time by default). */
export function ageOn(birthDate: string, today: string = todayInChina()): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = today.split('-').map(Number);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return Math.max(0, ty - by - (hadBirthday ? 0 : 1));
}
