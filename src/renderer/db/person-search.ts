import type { MangoQuerySelector, RxDocument } from 'rxdb';
import { derivePersonKey, secretFromHex } from '../../shared/person-key';
import { parseIdNumber } from '../../shared/id-number';
import { reverse } from '../../shared/person';
import type { DeviceSession } from '../data/contract';
import type { PersonCollection } from './database';
import type { PersonDoc } from './schemas/person-schema';

/** The index look-ups one search box query turns into. */
export interface SearchPlan {
  /** Keys of a full, valid resident ID (the derived primary key). */
  readonly keys: string[];
  /** Exact idNumber matches (any ID type, e.g. a passport number). */
  readonly idNumber: string | null;
  /** Prefix of the reversed ID number: the last 4–6 characters typed. */
  readonly idRevPrefix: string | null;
  readonly phonePrefix: string | null;
  readonly namePrefix: string | null;
}

/**
 * Classifies what was typed. Several readings can apply ("13800" is both a
 * phone prefix and an ID suffix); all of them are queried and merged,
 * because guessing one would hide the person the clerk is looking for.
 */
export function planSearch(query: string, session: DeviceSession | null): SearchPlan {
  const q = query.trim();
  const upper = q.toUpperCase();
  const keys: string[] = [];
  let idNumber: string | null = null;
  const resident = parseIdNumber('resident', q);
  if (resident.ok) {
    idNumber = resident.value.normalized;
    if (session) keys.push(derivePersonKey(secretFromHex(session.personKeySecret), 'resident', resident.value.normalized));
  } else if (/^[A-Z0-9]{5,32}$/.test(upper) && /\d/.test(upper)) {
    // Other document types (passports, passes) are looked up as typed.
    idNumber = upper;
  }
  const idRevPrefix = /^[0-9X]{4,6}$/.test(upper) ? reverse(upper) : null;
  const phonePrefix = /^1\d{2,10}$/.test(q) ? q : null;
  const namePrefix = q !== '' && !/^[0-9Xx]+$/.test(q) ? q : null;
  return { keys, idNumber, idRevPrefix, phonePrefix, namePrefix };
}

/** Strings in [prefix, prefix + U+FFFF) start with prefix: a range an index can answer. */
function prefixRange(prefix: string): { $gte: string; $lt: string } {
  return { $gte: prefix, $lt: `${prefix}\uffff` };
}

export const byName = (a: PersonDoc, b: PersonDoc): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Runs the plan's index queries and merges them: unique, sorted by name (code point, like the list), at most `limit`. */
export async function runSearch(persons: PersonCollection, plan: SearchPlan, limit: number): Promise<PersonDoc[]> {
  if (limit <= 0) return [];
  const found = new Map<string, PersonDoc>();
  const add = (docs: Iterable<RxDocument<PersonDoc>>): void => {
    for (const d of docs) found.set(d.primary, d.toMutableJSON());
  };
  const ranged = async (selector: MangoQuerySelector<PersonDoc>, sortField: keyof PersonDoc): Promise<void> => {
    add(await persons.find({ selector, sort: [{ [sortField]: 'asc' }], limit }).exec());
  };
  const tasks: Array<Promise<void>> = [];
  if (plan.keys.length > 0) tasks.push(persons.findByIds(plan.keys).exec().then((m) => { add(m.values()); }));
  if (plan.idNumber !== null) tasks.push(ranged({ idNumber: plan.idNumber }, 'idNumber'));
  if (plan.idRevPrefix !== null) tasks.push(ranged({ idRev: prefixRange(plan.idRevPrefix) }, 'idRev'));
  if (plan.phonePrefix !== null) tasks.push(ranged({ phone: prefixRange(plan.phonePrefix) }, 'phone'));
  if (plan.namePrefix !== null) tasks.push(ranged({ name: prefixRange(plan.namePrefix) }, 'name'));
  await Promise.all(tasks);
  return [...found.values()].sort(byName).slice(0, limit);
}
