import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { reverse, type Person } from '../../../shared/person';

/** A person as RxDB stores it: `_deleted` lives in RxDB's own meta fields. */
export type PersonDoc = Omit<Person, '_deleted'>;

/**
 * The zod personSchema in src/shared is the one authority on what a valid
 * person is (the server checks the same). This JSON schema only tells RxDB
 * the field types and which string fields are indexed; indexed fields must
 * be required and carry a maxLength (RxDB turns them into IndexedDB keys).
 * Nested objects stay loose here so the two schemas cannot drift apart.
 */
const personProperties = {
  /** 'p' + 32 hex: HMAC of type + number (src/shared/person-key.ts). */
  id: { type: 'string', maxLength: 33 },
  idType: { type: 'string', maxLength: 24 },
  idNumber: { type: 'string', maxLength: 32 },
  name: { type: 'string', maxLength: 50 },
  sex: { type: 'string' },
  birthDate: { type: 'string' },
  /** '' when not given; still indexed (an empty string is a valid key). */
  phone: { type: 'string', maxLength: 11 },
  hukouType: { type: 'string' },
  address: { type: 'object' },
  household: { type: ['object', 'null'] },
  categories: { type: 'array', items: { type: 'object' } },
  employmentStatus: { type: 'string' },
  archiveLocation: { type: 'string' },
  notes: { type: 'string' },
  active: { type: 'boolean' },
  deactivation: { type: ['object', 'null'] },
  stationId: { type: 'string' },
  createdAt: { type: 'string' },
  createdBy: { type: 'string' },
  updatedAt: { type: 'string' },
  updatedBy: { type: 'string' },
  updatedDevice: { type: 'string' },
} as const;

const V0_REQUIRED: Array<keyof Omit<PersonDoc, 'idRev'>> = [
  'id', 'idType', 'idNumber', 'name', 'sex', 'birthDate', 'phone', 'hukouType', 'address', 'household', 'categories',
  'employmentStatus', 'archiveLocation', 'notes', 'active', 'deactivation', 'stationId', 'createdAt', 'createdBy',
  'updatedAt', 'updatedBy', 'updatedDevice',
];

/**
 * Version 0 (the first local layout): no idRev, so "last 4–6 digits" search
 * had to scan every person. Kept only so that version 1 can migrate from it
 * and so the migration test can create a real version-0 database.
 */
export const personSchemaV0: RxJsonSchema<Omit<PersonDoc, 'idRev'>> = {
  title: 'person',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: personProperties,
  required: V0_REQUIRED,
  indexes: ['idNumber', 'name', 'phone'],
};

/**
 * Version 1 adds idRev (the ID number reversed) and its index, so that a
 * suffix search ("the last 6 digits") becomes a prefix range on an index:
 * one IndexedDB key range instead of a full scan of 100,000 people.
 */
export const personSchemaV1: RxJsonSchema<PersonDoc> = {
  title: 'person',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: { ...personProperties, idRev: { type: 'string', maxLength: 32 } },
  required: [...V0_REQUIRED, 'idRev'] as Array<keyof PersonDoc>,
  indexes: ['idNumber', 'idRev', 'name', 'phone'],
};

/** Each strategy turns a document of version N-1 into version N. Never edit one that has shipped. */
export const personMigrationStrategies: MigrationStrategies = {
  1: (doc: Omit<PersonDoc, 'idRev'>): PersonDoc => ({ ...doc, idRev: reverse(doc.idNumber) }),
};
