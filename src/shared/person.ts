import { z } from 'zod';
import { ID_TYPES, ID_TYPES_WITH_BIRTH } from './id-types';
import { parseIdNumber } from './id-number';
import { PERSON_KEY_PATTERN } from './person-key';

/** Categories a person can carry, several at once, each dated (DOMAIN.md §1). */
export const CATEGORY_CODES = [
  'unemployed', // 失业人员
  'flexible', // 灵活就业人员
  'new_entrant', // 新增劳动力
  'off_post', // 离岗挂编/下岗
  'hard_to_employ', // 就业困难人员 (incl. 4050)
  'land_expropriated', // 被征地农民
  'migrant', // 农民工/外来务工
  'resident', // 城乡居民
  'in_transit', // 转移在途
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const EMPLOYMENT_STATUSES = ['unemployed', 'flexible', 'employed', 'self_employed', 'student', 'retired', 'other'] as const;
export const HUKOU_TYPES = ['urban', 'agricultural'] as const;
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'] as const;

export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date.format');
export const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'datetime.format');
/** Mainland mobile numbers: 11 digits starting 13–19. Empty means "not given". */
export const mobilePhone = z.string().regex(/^(1[3-9]\d{9})?$/, 'phone.format');
export const shortId = z.string().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/);

export const addressSchema = z
  .object({
    provinceCode: z.string().regex(/^\d{6}$/),
    cityCode: z.string().regex(/^(\d{6})?$/),
    countyCode: z.string().regex(/^(\d{6})?$/),
    /** 12-digit statistics-bureau code of the street/township, or empty. */
    townCode: z.string().regex(/^(\d{12})?$/),
    detail: z.string().max(200),
  })
  .strict();
export type Address = z.infer<typeof addressSchema>;

export const categorySchema = z
  .object({ code: z.enum(CATEGORY_CODES), from: isoDate, to: isoDate.nullable() })
  .strict()
  .refine((c) => c.to === null || c.to >= c.from, { message: 'category.range', path: ['to'] });
export type PersonCategory = z.infer<typeof categorySchema>;

/**
 * Fields a person's editor changes. The sync merge works field by field
 * over exactly these (DESIGN.md §4); meta fields are not merged.
 */
export const PERSON_MERGE_FIELDS = [
  'name', 'sex', 'birthDate', 'phone', 'hukouType', 'address', 'household', 'categories',
  'employmentStatus', 'archiveLocation', 'notes', 'active', 'deactivation',
] as const;
export type PersonMergeField = (typeof PERSON_MERGE_FIELDS)[number];

export const personSchema = z
  .object({
    id: z.string().regex(PERSON_KEY_PATTERN),
    idType: z.enum(ID_TYPES),
    idNumber: z.string().min(1).max(32),
    /** idNumber reversed: an index for "last 4–6 digits" search by prefix. */
    idRev: z.string().min(1).max(32),
    name: z.string().trim().min(1).max(50),
    sex: z.enum(['M', 'F']),
    birthDate: isoDate,
    phone: mobilePhone,
    hukouType: z.enum(HUKOU_TYPES),
    address: addressSchema,
    household: z
      .object({ headId: z.string().regex(PERSON_KEY_PATTERN).nullable(), relation: z.enum(HOUSEHOLD_RELATIONS) })
      .strict()
      .nullable(),
    categories: z.array(categorySchema).max(20),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    archiveLocation: z.string().max(100),
    notes: z.string().max(2000),
    active: z.boolean(),
    deactivation: z.object({ reason: z.string().trim().min(1).max(500), at: isoDateTime, by: shortId }).strict().nullable(),
    /** Station that first registered the person. */
    stationId: shortId,
    createdAt: isoDateTime,
    createdBy: shortId,
    updatedAt: isoDateTime,
    updatedBy: shortId,
    updatedDevice: shortId,
    _deleted: z.boolean(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const parsed = parseIdNumber(p.idType, p.idNumber);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.code, path: ['idNumber'] });
      return;
    }
    if (parsed.value.normalized !== p.idNumber) ctx.addIssue({ code: 'custom', message: 'id.notNormalized', path: ['idNumber'] });
    if (p.idRev !== reverse(p.idNumber)) ctx.addIssue({ code: 'custom', message: 'id.rev', path: ['idRev'] });
    if (ID_TYPES_WITH_BIRTH.has(p.idType)) {
      if (parsed.value.birthDate !== p.birthDate) ctx.addIssue({ code: 'custom', message: 'id.birthMismatch', path: ['birthDate'] });
      if (parsed.value.sex !== p.sex) ctx.addIssue({ code: 'custom', message: 'id.sexMismatch', path: ['sex'] });
    }
    if (p.active === (p.deactivation !== null)) ctx.addIssue({ code: 'custom', message: 'person.deactivation', path: ['deactivation'] });
  });
export type Person = z.infer<typeof personSchema>;

/** Reverses an ID number (ASCII only, so code units are characters). */
export function reverse(s: string): string {
  return s.split('').reverse().join('');
}
