/**
 * Statutory retirement age under the 2025 reform (全国人大常委会关于实施渐进式延迟法定退休年龄的决定,
 * 2024-09-13, and its annex 国务院关于渐进式延迟法定退休年龄的办法, in force 2025-01-01):
 * men 60 → 63 and women on the 55 track 55 → 58, one month later per 4 birth months; women on
 * the 50 track 50 → 55, one month later per 2 birth months. These figures are national law, so
 * they are constants; WHICH track a woman follows (notably a flexible worker) is a local pack
 * setting and therefore an input (see `trackFor`).
 *
 * Retirement month: the month in which the person attains the reformed age, i.e. birth month +
 * age in months (the annex tables, e.g. born 1965-01 → 60岁1个月 → 改革后退休时间 2025年2月).
 * The pension is usually paid from the month after; that is the caller's business (see ADR 008).
 */
import { addMonths, monthDiff, yearOf, type Month } from '../months';
import { toYearsMonths, type YearsMonths } from './years-months';

export const RETIREMENT_TRACKS = ['male60', 'female55', 'female50'] as const;
export type RetirementTrack = (typeof RETIREMENT_TRACKS)[number];

export type TrackRule = {
  /** Age before the reform, in months. */
  baseAgeMonths: number;
  /** First birth month affected by the reform. */
  firstAffectedBirth: Month;
  /** Birth months per month of delay. */
  step: number;
  /** Maximum delay in months. */
  capMonths: number;
};

export const TRACK_RULES: Readonly<Record<RetirementTrack, TrackRule>> = {
  male60: { baseAgeMonths: 60 * 12, firstAffectedBirth: '1965-01', step: 4, capMonths: 36 },
  female55: { baseAgeMonths: 55 * 12, firstAffectedBirth: '1970-01', step: 4, capMonths: 36 },
  female50: { baseAgeMonths: 50 * 12, firstAffectedBirth: '1975-01', step: 2, capMonths: 60 },
};

/** Which track a person follows: men always male60; women per the pack setting [local]. */
export const trackFor = (sex: 'M' | 'F', femaleTrack: 'female55' | 'female50'): RetirementTrack =>
  sex === 'M' ? 'male60' : femaleTrack;

/** Months of delay for a birth month: 0 before the first affected month, then floor(k/step)+1, capped. */
export const delayMonths = (track: RetirementTrack, birthMonth: Month): number => {
  const rule = TRACK_RULES[track];
  const since = monthDiff(rule.firstAffectedBirth, birthMonth);
  if (since < 0) return 0;
  return Math.min(rule.capMonths, Math.floor(since / rule.step) + 1);
};

export type StatutoryRetirement = {
  track: RetirementTrack;
  birthMonth: Month;
  delayMonths: number;
  /** Reformed statutory age in whole months (e.g. 723 = 60 years 3 months). */
  ageMonths: number;
  age: YearsMonths;
  /** The month the person attains the statutory age (birth month + ageMonths). */
  retirementMonth: Month;
  /** Calendar year of `retirementMonth`: selects the minimum contribution years. */
  retirementYear: number;
};

export const statutoryRetirement = (track: RetirementTrack, birthMonth: Month): StatutoryRetirement => {
  const delay = delayMonths(track, birthMonth);
  const ageMonths = TRACK_RULES[track].baseAgeMonths + delay;
  const retirementMonth = addMonths(birthMonth, ageMonths);
  return {
    track,
    birthMonth,
    delayMonths: delay,
    ageMonths,
    age: toYearsMonths(ageMonths),
    retirementMonth,
    retirementYear: yearOf(retirementMonth),
  };
};

/** Age in whole months at a given month (birth month counts as age 0 months). */
export const ageMonthsAt = (birthMonth: Month, at: Month): number => monthDiff(birthMonth, at);
