/**
 * 计发月数: the divisor of the personal-account balance, by age at retirement (国发〔2005〕38号
 * annex table, ages 40–70). Since the 2025 reform statutory ages have months; for those the
 * divisor is interpolated linearly by month between the two whole ages and rounded to 0.1
 * (DOMAIN §8), half up (x.x5 → x.x+0.1, as for money, DOMAIN §5). Results are integer tenths
 * so that callers never carry a float: 1384 means 138.4 months.
 */
export const PAYOUT_MONTHS_BY_AGE: Readonly<Record<number, number>> = {
  40: 233, 41: 230, 42: 226, 43: 223, 44: 220, 45: 216, 46: 212, 47: 208, 48: 204, 49: 199,
  50: 195, 51: 190, 52: 185, 53: 180, 54: 175, 55: 170, 56: 164, 57: 158, 58: 152, 59: 145,
  60: 139, 61: 132, 62: 125, 63: 117, 64: 109, 65: 101, 66: 93, 67: 84, 68: 75, 69: 65, 70: 56,
};

export const PAYOUT_MIN_AGE = 40;
export const PAYOUT_MAX_AGE = 70;

const tableAt = (age: number): number => {
  const v = PAYOUT_MONTHS_BY_AGE[age];
  if (v === undefined) throw new RangeError(`no 计发月数 for age ${age}`);
  return v;
};

/** 计发月数 in tenths for an age in whole months (40y0m … 70y0m); throws outside the table. */
export const payoutMonthsTenths = (ageMonths: number): number => {
  if (!Number.isInteger(ageMonths) || ageMonths < PAYOUT_MIN_AGE * 12 || ageMonths > PAYOUT_MAX_AGE * 12) {
    throw new RangeError(`age ${ageMonths} months is outside the 计发月数 table (40–70 years)`);
  }
  const years = Math.floor(ageMonths / 12);
  const k = ageMonths % 12;
  const low = tableAt(years);
  if (k === 0) return low * 10;
  const high = tableAt(years + 1);
  // value = low + (high − low)·k/12; in tenths ×10, i.e. N/12 with N below; half up = floor((N + 6) / 12).
  const n = 10 * (12 * low + (high - low) * k);
  return Math.floor((n + 6) / 12);
};
