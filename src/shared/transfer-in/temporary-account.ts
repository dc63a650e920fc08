import type { IdType } from '../id-types';

/**
 * 国办发〔2009〕66号 as DOMAIN.md §7 has it: men aged 50 and over and women aged 40 and over who
 * move to a place that is not their 户籍 province get a temporary contribution account there
 * (临时缴费账户) unless the transfer is approved. The station flags it and never blocks: the
 * approval is the receiving office's decision.
 */
export const TEMPORARY_ACCOUNT_AGE = { M: 50, F: 40 } as const;

export interface TemporaryAccountPerson {
  readonly sex: 'M' | 'F';
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly idType: IdType;
  readonly idNumber: string;
}

export type TemporaryAccountFlag =
  /** Under the age threshold, or moving within the 户籍 province: nothing to say. */
  | { readonly kind: 'none'; readonly age: number }
  /** Old enough and the 户籍 province (from the ID number) differs from the station's. */
  | { readonly kind: 'flagged'; readonly age: number; readonly threshold: number; readonly hukouProvince: string; readonly stationProvince: string }
  /** Old enough, but the ID does not tell the 户籍 province (passport, permit): the clerk checks. */
  | { readonly kind: 'unknownProvince'; readonly age: number; readonly threshold: number };

/** Whole years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
export function ageOnDay(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The 户籍 province as the resident ID number's first two digits (the address code where the
 * number was issued, which is the 户籍 place unless the person moved it since); null for other IDs
 * (a residence permit's 81–83 prefix names Hong Kong, Macao or Taiwan, not a 户籍).
 */
export function hukouProvinceOf(idType: IdType, idNumber: string): string | null {
  return idType === 'resident' && /^\d{2}/.test(idNumber) ? idNumber.slice(0, 2) : null;
}

/** The flag for a person transferring in to a station of `stationRegionCode` (6 digits) on `today`. */
export function temporaryAccountFlag(person: TemporaryAccountPerson, stationRegionCode: string, today: string): TemporaryAccountFlag {
  const age = ageOnDay(person.birthDate, today);
  const threshold = TEMPORARY_ACCOUNT_AGE[person.sex];
  if (age < threshold) return { kind: 'none', age };
  const hukouProvince = hukouProvinceOf(person.idType, person.idNumber);
  if (hukouProvince === null) return { kind: 'unknownProvince', age, threshold };
  const stationProvince = stationRegionCode.slice(0, 2);
  if (hukouProvince === stationProvince) return { kind: 'none', age };
  return { kind: 'flagged', age, threshold, hukouProvince, stationProvince };
}
