import { z } from 'zod';
import type { PersonInput } from '../../data/contract';
import { ID_TYPES, ID_TYPES_WITH_BIRTH } from '../../../shared/id-types';
import { parseIdNumber, todayInChina } from '../../../shared/id-number';
import {
  CATEGORY_CODES,
  EMPLOYMENT_STATUSES,
  HOUSEHOLD_RELATIONS,
  HUKOU_TYPES,
  isoDate,
  mobilePhone,
  type Person,
} from '../../../shared/person';

/**
 * The register/edit form's schema, built from the same shared pieces as the
 * stored person (src/shared/person.ts), so the form refuses exactly what the
 * data layer and the server would. Every message is an error code
 * (→ errors.<code> in the locale files). The full personSchema is not reused
 * directly: the form holds drafts (empty dates, unset sex) and UI-only fields
 * (the household head's label), and derives birth date and sex from the ID.
 */
export const personFormSchema = z
  .object({
    idType: z.enum(ID_TYPES),
    idNumber: z.string(),
    name: z.string().trim().min(1, 'form.nameRequired').max(50, 'form.tooLong'),
    /** Only used for ID types that do not encode sex. */
    sex: z.enum(['M', 'F']).nullable(),
    /** Only used for ID types that do not encode the birth date; '' while unset. */
    birthDate: z.string(),
    phone: z.string().trim().pipe(mobilePhone),
    hukouType: z.enum(HUKOU_TYPES),
    address: z.object({
      provinceCode: z.string().regex(/^\d{6}$/, 'address.province'),
      cityCode: z.string().regex(/^(\d{6})?$/),
      countyCode: z.string().regex(/^(\d{6})?$/),
      townCode: z.string().regex(/^(\d{12})?$/),
      detail: z.string().trim().max(200, 'form.tooLong'),
    }),
    household: z
      .object({ headId: z.string().nullable(), headLabel: z.string(), relation: z.enum(HOUSEHOLD_RELATIONS) })
      .nullable(),
    categories: z
      .array(z.object({ code: z.enum(CATEGORY_CODES), from: isoDate, to: isoDate.nullable() }))
      .max(20, 'category.tooMany'),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    archiveLocation: z.string().trim().max(100, 'form.tooLong'),
    notes: z.string().max(2000, 'form.tooLong'),
  })
  .superRefine((v, ctx) => {
    const parsed = parseIdNumber(v.idType, v.idNumber);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.code, path: ['idNumber'] });
    if (!ID_TYPES_WITH_BIRTH.has(v.idType)) {
      if (!isoDate.safeParse(v.birthDate).success) ctx.addIssue({ code: 'custom', message: 'birthDate.required', path: ['birthDate'] });
      else if (v.birthDate > todayInChina()) ctx.addIssue({ code: 'custom', message: 'id.futureBirth', path: ['birthDate'] });
      if (v.sex === null) ctx.addIssue({ code: 'custom', message: 'sex.required', path: ['sex'] });
    }
    v.categories.forEach((c, i) => {
      if (c.to !== null && c.to < c.from) ctx.addIssue({ code: 'custom', message: 'category.range', path: ['categories', i, 'to'] });
    });
    if (v.household && v.household.relation !== 'head' && v.household.headId === null) {
      ctx.addIssue({ code: 'custom', message: 'household.headRequired', path: ['household', 'headId'] });
    }
  });

export type PersonFormInput = z.input<typeof personFormSchema>;
export type PersonFormValues = z.output<typeof personFormSchema>;

export function emptyPersonForm(stationAddress: PersonFormInput['address'] | null): PersonFormInput {
  return {
    idType: 'resident',
    idNumber: '',
    name: '',
    sex: null,
    birthDate: '',
    phone: '',
    hukouType: 'urban',
    address: stationAddress ?? { provinceCode: '', cityCode: '', countyCode: '', townCode: '', detail: '' },
    household: null,
    categories: [],
    employmentStatus: 'unemployed',
    archiveLocation: '',
    notes: '',
  };
}

export function personToForm(p: Person, headLabel: string): PersonFormInput {
  return {
    idType: p.idType,
    idNumber: p.idNumber,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    phone: p.phone,
    hukouType: p.hukouType,
    address: { ...p.address },
    household: p.household ? { headId: p.household.headId, headLabel, relation: p.household.relation } : null,
    categories: p.categories.map((c) => ({ ...c })),
    employmentStatus: p.employmentStatus,
    archiveLocation: p.archiveLocation,
    notes: p.notes,
  };
}

/**
 * Form values → what the data layer stores. The ID is stored normalised
 * (18 characters, upper-case X); birth date and sex come from the number
 * when it encodes them, so they can never disagree with it.
 */
export function formToInput(v: PersonFormValues): PersonInput {
  const parsed = parseIdNumber(v.idType, v.idNumber);
  if (!parsed.ok) throw new Error(`formToInput: invalid ID (${parsed.code}) passed validation`);
  const { normalized, birthDate, sex } = parsed.value;
  const finalSex = sex ?? v.sex;
  if (finalSex === null) throw new Error('formToInput: sex missing (schema requires it for this ID type)');
  return {
    idType: v.idType,
    idNumber: normalized,
    name: v.name,
    sex: finalSex,
    birthDate: birthDate ?? v.birthDate,
    phone: v.phone,
    hukouType: v.hukouType,
    address: { ...v.address },
    household: v.household ? { headId: v.household.relation === 'head' ? null : v.household.headId, relation: v.household.relation } : null,
    categories: v.categories.map((c) => ({ code: c.code, from: c.from, to: c.to })),
    employmentStatus: v.employmentStatus,
    archiveLocation: v.archiveLocation,
    notes: v.notes,
  };
}
