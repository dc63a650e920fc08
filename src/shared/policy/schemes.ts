/** Schemes a station handles for individuals (DOMAIN.md §3). */
export const SCHEMES = [
  'employee_pension', // 城镇职工基本养老保险 (flexible worker)
  'employee_medical', // 职工基本医疗保险 (flexible worker)
  'residents_pension', // 城乡居民基本养老保险
  'residents_medical', // 城乡居民基本医疗保险
] as const;
export type Scheme = (typeof SCHEMES)[number];

/** Schemes whose amount is base × rate over a chosen base within the floor and ceiling. */
export const BASE_SCHEMES: readonly Scheme[] = ['employee_pension', 'employee_medical'];

/** Pension schemes that exclude each other for the same months (DOMAIN.md §5, double coverage). */
export const PENSION_SCHEMES: readonly Scheme[] = ['employee_pension', 'residents_pension'];

export const PAYMENT_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];

/** Months per payment period; quarterly, half-yearly and yearly periods are calendar-aligned. */
export const FREQUENCY_MONTHS: Record<PaymentFrequency, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};
