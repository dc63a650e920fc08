import { timeline } from '../enrolment-status';
import { addMonths, compareMonths, maxMonth, monthsInclusive, yearOf, type Month } from '../months';
import type { Scheme } from '../policy/schemes';
import type { EnrolmentRecord, EnrolmentStatus } from '../records';
import { minimumContributionMonths, statutoryRetirement, TRACK_RULES, trackFor } from '../retirement';
import type { SchemePaid } from './paid-months';

/**
 * Lapse detection (断缴, issue 4 §1; ADR 015). A scheme is lapsed for a
 * person when the enrolment records say the relationship stands (status
 * active or lapsed in the current month) and the live payments stop short
 * of the last month that should have been paid by now:
 *
 * - employee schemes are paid by month; the current month may still be paid
 *   during the month, so the last month due is the month before it;
 * - residents' schemes are paid by calendar year (contribution-calc.ts
 *   residentsLines); the current year stays open until its end (collection
 *   periods run through the year), so the last month due is December of the
 *   previous year, and the unpaid time is whole years.
 *
 * Only the trailing gap counts: a person who paid the last month due is not
 * lapsed even if an older month is missing (resumption without back-pay is
 * the normal case, DOMAIN.md §7). The gap starts the month after the last
 * paid month, but never before the start of the current enrolment run
 * (months while suspended, transferred out or never enrolled are not owed).
 */
export const YEARLY_SCHEMES: readonly Scheme[] = ['residents_pension', 'residents_medical'];

const STANDING: readonly EnrolmentStatus[] = ['active', 'lapsed'];

export interface SchemeLapse {
  readonly scheme: Scheme;
  /** The enrolment status in force (a clerk may already have recorded 断缴). */
  readonly status: 'active' | 'lapsed';
  readonly yearly: boolean;
  readonly lastPaid: Month | null;
  /** First unpaid month of the trailing gap. */
  readonly since: Month;
  /** Last month that should have been paid by now. */
  readonly through: Month;
  readonly monthsUnpaid: number;
}

/** The last month that should have been paid by `currentMonth`. */
export function lastMonthDue(scheme: Scheme, currentMonth: Month): Month {
  return YEARLY_SCHEMES.includes(scheme) ? `${String(yearOf(currentMonth) - 1)}-12` : addMonths(currentMonth, -1);
}

/**
 * First month of the current run of standing records (active or lapsed) of
 * a scheme, or null when the status in force is something else or none.
 * Records dated after `currentMonth` are scheduled and ignored.
 */
export function standingSince(records: readonly EnrolmentRecord[], scheme: Scheme, currentMonth: Month): { since: Month; status: 'active' | 'lapsed' } | null {
  const line = timeline(records, scheme).filter((r) => compareMonths(r.effectiveMonth, currentMonth) <= 0);
  const last = line.at(-1);
  if (!last || !STANDING.includes(last.status)) return null;
  let since = last.effectiveMonth;
  for (let i = line.length - 1; i >= 0; i--) {
    const r = line[i];
    if (!r || !STANDING.includes(r.status)) break;
    since = r.effectiveMonth;
  }
  return { since, status: last.status === 'lapsed' ? 'lapsed' : 'active' };
}

/** The scheme's trailing gap, or null when the scheme is not standing or nothing due is unpaid. */
export function schemeLapse(records: readonly EnrolmentRecord[], scheme: Scheme, paid: SchemePaid | undefined, currentMonth: Month): SchemeLapse | null {
  const standing = standingSince(records, scheme, currentMonth);
  if (!standing) return null;
  const yearly = YEARLY_SCHEMES.includes(scheme);
  const through = lastMonthDue(scheme, currentMonth);
  const lastPaid = paid?.lastPaid ?? null;
  let since = lastPaid === null ? standing.since : maxMonth(addMonths(lastPaid, 1), standing.since);
  // A residents' year is owed whole, whatever month the enrolment began in.
  if (yearly) since = `${String(yearOf(since))}-01`;
  if (compareMonths(since, through) > 0) return null;
  return { scheme, status: standing.status, yearly, lastPaid, since, through, monthsUnpaid: monthsInclusive(since, through) };
}

export const AGE_BANDS = ['under_30', '30_39', '40_49', '50_59', '60_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(ageYears: number): AgeBand {
  if (ageYears < 30) return 'under_30';
  if (ageYears < 40) return '30_39';
  if (ageYears < 50) return '40_49';
  if (ageYears < 60) return '50_59';
  return '60_plus';
}

/**
 * 城乡居民基本养老保险 (国发〔2014〕8号): a pension from age 60 with 15 years
 * paid. National, not a pack value; the employee scheme's minimum follows
 * the 2025 reform (src/shared/retirement).
 */
const RESIDENTS_PENSION_AGE_MONTHS = 60 * 12;
const RESIDENTS_MINIMUM_MONTHS = 180;

export interface LapseOptions {
  readonly currentMonth: Month;
  /** "Near retirement": statutory retirement within this many months (default 60: DOMAIN.md §9's five years). */
  readonly nearRetirementMonths?: number;
  /** Which track women follow in the employee pension [local] (DOMAIN.md §8). */
  readonly femaleTrack: 'female55' | 'female50';
}

export interface PersonFacts {
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** 视同缴费 months known for the employee pension (0 when not recorded). */
  readonly deemedMonths?: number;
}

export interface PensionYears {
  readonly scheme: 'employee_pension' | 'residents_pension';
  /** Deemed + paid months so far. */
  readonly monthsPaid: number;
  readonly minimumMonths: number;
  readonly monthsShort: number;
  readonly retirementMonth: Month;
  /** Negative once the statutory age has been reached. */
  readonly monthsToRetirement: number;
}

export interface PersonLapse {
  readonly schemes: readonly SchemeLapse[];
  /** The longest gap of the person's schemes. */
  readonly monthsUnpaid: number;
  /** The earliest first unpaid month. */
  readonly since: Month;
  readonly ageYears: number;
  readonly ageBand: AgeBand;
  /** Null when the person has no pension scheme. */
  readonly pension: PensionYears | null;
  readonly nearRetirement: boolean;
}

/** Whole years of age in `month` (birthday month counts as reached). */
/**
 * Birth months go back before months.ts's 1950 floor (it treats earlier
 * years as typing errors), so arithmetic on them is done here on plain
 * month indexes.
 */
const indexOf = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthsBetween = (from: string, to: string): number => indexOf(to) - indexOf(from);
const fromIndex = (i: number): Month => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
const addYearMonths = (ym: string, n: number): Month => fromIndex(indexOf(ym) + n);

/** The statutory retirement month; before the reform's first affected births no delay applies, so the base age alone decides. */
function employeeRetirementMonth(person: PersonFacts, femaleTrack: 'female55' | 'female50'): Month {
  const track = trackFor(person.sex, femaleTrack);
  const birthMonth = person.birthDate.slice(0, 7);
  if (Number(birthMonth.slice(0, 4)) < 1960) return addYearMonths(birthMonth, TRACK_RULES[track].baseAgeMonths);
  return statutoryRetirement(track, birthMonth).retirementMonth;
}

export const ageInYears = (birthDate: string, month: Month): number => Math.floor(monthsBetween(birthDate.slice(0, 7), month) / 12);

/** The pension years figures for the pension scheme the person holds (employee first), or null. */
export function pensionYears(person: PersonFacts, records: readonly EnrolmentRecord[], paid: ReadonlyMap<Scheme, SchemePaid>, options: LapseOptions): PensionYears | null {
  const holds = (s: Scheme): boolean => records.some((r) => r.scheme === s) || paid.has(s);
  const birthMonth = person.birthDate.slice(0, 7);
  if (holds('employee_pension')) {
    const retirementMonth = employeeRetirementMonth(person, options.femaleTrack);
    const monthsPaid = (person.deemedMonths ?? 0) + (paid.get('employee_pension')?.months ?? 0);
    const minimumMonths = minimumContributionMonths(Number(retirementMonth.slice(0, 4)));
    return {
      scheme: 'employee_pension', monthsPaid, minimumMonths, monthsShort: Math.max(0, minimumMonths - monthsPaid),
      retirementMonth, monthsToRetirement: monthsBetween(options.currentMonth, retirementMonth),
    };
  }
  if (holds('residents_pension')) {
    const retirementMonth = addYearMonths(birthMonth, RESIDENTS_PENSION_AGE_MONTHS);
    const monthsPaid = paid.get('residents_pension')?.months ?? 0;
    return {
      scheme: 'residents_pension', monthsPaid, minimumMonths: RESIDENTS_MINIMUM_MONTHS,
      monthsShort: Math.max(0, RESIDENTS_MINIMUM_MONTHS - monthsPaid), retirementMonth,
      monthsToRetirement: monthsBetween(options.currentMonth, retirementMonth),
    };
  }
  return null;
}

/**
 * One person's lapse: every standing scheme with an unpaid trailing gap,
 * plus the figures the worklist filters on. Null when nothing is lapsed.
 * `records` are the person's enrolment records, `paid` summarisePaid of
 * their live spans.
 */
export function personLapse(person: PersonFacts, records: readonly EnrolmentRecord[], paid: ReadonlyMap<Scheme, SchemePaid>, options: LapseOptions): PersonLapse | null {
  const schemes: SchemeLapse[] = [];
  for (const scheme of new Set(records.map((r) => r.scheme))) {
    const lapse = schemeLapse(records, scheme, paid.get(scheme), options.currentMonth);
    if (lapse) schemes.push(lapse);
  }
  if (schemes.length === 0) return null;
  schemes.sort((a, b) => b.monthsUnpaid - a.monthsUnpaid || (a.scheme < b.scheme ? -1 : 1));
  const ageYears = ageInYears(person.birthDate, options.currentMonth);
  const pension = pensionYears(person, records, paid, options);
  const near = options.nearRetirementMonths ?? 60;
  return {
    schemes,
    monthsUnpaid: Math.max(...schemes.map((s) => s.monthsUnpaid)),
    since: schemes.map((s) => s.since).reduce((a, b) => (compareMonths(a, b) <= 0 ? a : b)),
    ageYears,
    ageBand: ageBandOf(ageYears),
    pension,
    nearRetirement: pension !== null && pension.monthsToRetirement >= 0 && pension.monthsToRetirement <= near,
  };
}
