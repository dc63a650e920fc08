/** A span of whole months expressed as years and months, e.g. 723 → { years: 60, months: 3 }. */
export type YearsMonths = { years: number; months: number };

export const toYearsMonths = (totalMonths: number): YearsMonths => ({
  years: Math.floor(totalMonths / 12),
  months: totalMonths % 12,
});
