/**
 * Minimum contribution years for a monthly pension (国务院关于渐进式延迟法定退休年龄的办法 第三条):
 * 15 years until 2029; from 2030-01-01 raised by 6 months a year to 20 years. The year is the
 * year in which the person reaches the statutory retirement age. Returned in months (180–240)
 * because every comparison downstream is on whole months.
 */
export const MINIMUM_MONTHS_BEFORE_REFORM = 180;
export const MINIMUM_MONTHS_FINAL = 240;
const FIRST_RAISED_YEAR = 2030;

export const minimumContributionMonths = (yearReachingAge: number): number => {
  if (yearReachingAge < FIRST_RAISED_YEAR) return MINIMUM_MONTHS_BEFORE_REFORM;
  const raised = MINIMUM_MONTHS_BEFORE_REFORM + 6 * (yearReachingAge - FIRST_RAISED_YEAR + 1);
  return Math.min(MINIMUM_MONTHS_FINAL, raised);
};
