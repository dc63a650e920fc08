/**
 * Identity document types a person can be registered with (DOMAIN.md §2).
 * The record key is derived from type + number, so the same number under a
 * different type is a different key: never reuse a code for another type.
 */
export const ID_TYPES = [
  'resident', // 居民身份证 (GB 11643)
  'hmt_residence', // 港澳台居民居住证 (GB 11643 layout, 810000/820000/830000)
  'foreign_permanent', // 外国人永久居留身份证 (2017: 15 chars; 2023: 18 chars, starts with 9)
  'hk_macao_pass', // 港澳居民来往内地通行证
  'taiwan_pass', // 台湾居民来往大陆通行证
  'passport', // 护照
] as const;
export type IdType = (typeof ID_TYPES)[number];

/** Types whose number encodes birth date and sex (GB 11643 layout). */
export const ID_TYPES_WITH_BIRTH: ReadonlySet<IdType> = new Set<IdType>(['resident', 'hmt_residence']);
