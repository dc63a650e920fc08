import { map, type Observable } from 'rxjs';
import type { AuditEvent } from '../../shared/audit';
import { ID_TYPES_WITH_BIRTH } from '../../shared/id-types';
import { newId, nowIso } from '../../shared/ids';
import { deepEqual } from '../../shared/merge';
import { PERSON_MERGE_FIELDS, reverse, type Person, type PersonMergeField } from '../../shared/person';
import { derivePersonKey, secretFromHex } from '../../shared/person-key';
import { DataError, type PersonInput, type PersonRepository, type RegisterOutcome } from '../data/contract';
import { countPersons, listFirstPersonIdsByName, listPersonIdsByName } from './person-reads';
import { planSearch, runSearch } from './person-search';
import { requireSession, requireWriter, stampAfter, type RepositoryDeps, type WriterContext } from './repository-deps';
import type { PersonDoc } from './schemas/person-schema';
import { guardWrite, isConflictError } from './storage-errors';
import { parseIdOrThrow, validateAudit, validatePerson } from './validation';

type AuditAction = AuditEvent['action'];

export function toPerson(doc: PersonDoc): Person {
  return { ...doc, _deleted: false };
}

function toDoc(person: Person): PersonDoc {
  const { _deleted: _d, ...doc } = person;
  return doc;
}

/** Only the editable fields, whatever else the form object carries. */
function editable(input: PersonInput): Omit<PersonInput, 'idType' | 'idNumber'> {
  return {
    name: input.name, sex: input.sex, birthDate: input.birthDate, phone: input.phone, hukouType: input.hukouType,
    address: input.address, household: input.household, categories: input.categories,
    employmentStatus: input.employmentStatus, archiveLocation: input.archiveLocation, notes: input.notes,
  };
}

function isBlank(v: unknown): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function changedFields(before: Person | null, after: Person): PersonMergeField[] {
  if (!before) return PERSON_MERGE_FIELDS.filter((f) => !isBlank(after[f]));
  return PERSON_MERGE_FIELDS.filter((f) => !deepEqual(before[f], after[f]));
}

/** Implements the contract's PersonRepository over the local RxDB collections; works fully offline. */
export function createPersonRepository(deps: RepositoryDeps): PersonRepository {
  const { persons, audit } = deps.store;

  const keyOf = (idType: PersonInput['idType'], normalized: string): string =>
    derivePersonKey(secretFromHex(requireSession(deps).personKeySecret), idType, normalized);

  const get = async (id: string): Promise<Person | null> => {
    const doc = await persons.findOne(id).exec();
    return doc ? toPerson(doc.toMutableJSON()) : null;
  };

  async function appendAudit(ctx: WriterContext, action: AuditAction, entityId: string, fields: string[], at: string): Promise<void> {
    const event = validateAudit({
      id: newId(), entity: 'person', entityId, action, fields,
      staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId,
      at, _deleted: false,
    });
    const { _deleted: _d, ...doc } = event;
    await guardWrite(() => audit.insert(doc));
    deps.localWrite('audit', event.id, event.at);
  }

  /**
   * Validates and writes a new state of an existing person. `next` gets the
   * latest stored state (a pull may have changed it since the caller read
   * it) and returns the new editable content; meta fields are stamped here.
   */
  async function modify(id: string, action: AuditAction, next: (current: Person, ctx: WriterContext, at: string) => Person): Promise<Person> {
    const ctx = requireWriter(deps);
    const doc = await persons.findOne(id).exec();
    if (!doc) throw new DataError('person.notFound');
    let result: Person | null = null;
    let fields: PersonMergeField[] = [];
    let at = '';
    const apply = (latest: PersonDoc): PersonDoc => {
      const current = toPerson(latest);
      at = stampAfter(current.updatedAt, nowIso());
      const candidate = validatePerson({
        ...next(current, ctx, at),
        updatedAt: at, updatedBy: ctx.staff.id, updatedDevice: ctx.session.deviceId,
      });
      fields = changedFields(current, candidate);
      result = fields.length > 0 ? candidate : current;
      return fields.length > 0 ? toDoc(candidate) : latest;
    };
    // Validate before touching storage, so an invalid edit writes nothing.
    apply(doc.toMutableJSON());
    if (fields.length === 0) return toPerson(doc.toMutableJSON());
    await guardWrite(() =>
      doc.incrementalModify((data) => {
        // RxDB hands the modifier its stored form, meta fields included in some
        // versions; only the person's own fields go through validation.
        const { _deleted, _meta: _m, _rev: _r, _attachments: _a, ...plain } = data as typeof data & Record<'_meta' | '_rev' | '_attachments', unknown>;
        return { ...apply(plain), _deleted };
      }),
    );
    const written = result as Person | null;
    if (!written || fields.length === 0) return written ?? toPerson(doc.toMutableJSON());
    deps.localWrite('persons', id, written.updatedAt);
    await appendAudit(ctx, action, id, fields, at);
    return written;
  }

  return {
    async register(input): Promise<RegisterOutcome> {
      const ctx = requireWriter(deps);
      const parsed = parseIdOrThrow(input.idType, input.idNumber);
      const id = keyOf(input.idType, parsed.normalized);
      const existing = await get(id);
      if (existing) return { status: 'exists', person: existing };
      const at = nowIso();
      const derived = ID_TYPES_WITH_BIRTH.has(input.idType) && parsed.birthDate !== null && parsed.sex !== null
        ? { birthDate: parsed.birthDate, sex: parsed.sex }
        : {};
      const person = validatePerson({
        ...editable(input), ...derived,
        id, idType: input.idType, idNumber: parsed.normalized, idRev: reverse(parsed.normalized),
        active: true, deactivation: null, stationId: ctx.session.stationId,
        createdAt: at, createdBy: ctx.staff.id, updatedAt: at, updatedBy: ctx.staff.id, updatedDevice: ctx.session.deviceId,
        _deleted: false,
      });
      try {
        await persons.insert(toDoc(person));
      } catch (error) {
        // Another write (a pull, another tab) registered the same key first.
        if (isConflictError(error)) {
          const now = await get(id);
          if (now) return { status: 'exists', person: now };
        }
        return guardWrite(() => Promise.reject(error as Error));
      }
      deps.localWrite('persons', id, person.updatedAt);
      await appendAudit(ctx, 'create', id, changedFields(null, person), at);
      return { status: 'created', person };
    },

    async findById(idType, idNumber) {
      return get(keyOf(idType, parseIdOrThrow(idType, idNumber).normalized));
    },

    get,

    observe(id): Observable<Person | null> {
      return persons.findOne(id).$.pipe(map((doc) => (doc ? toPerson(doc.toMutableJSON()) : null)));
    },

    update(id, input) {
      return modify(id, 'update', (current) => {
        const parsed = parseIdOrThrow(input.idType, input.idNumber);
        // The key is derived from the ID: a different ID is a different person.
        if (input.idType !== current.idType || parsed.normalized !== current.idNumber) throw new DataError('person.idImmutable', { field: 'idNumber' });
        const derived = ID_TYPES_WITH_BIRTH.has(current.idType) ? { birthDate: current.birthDate, sex: current.sex } : {};
        return { ...current, ...editable(input), ...derived };
      });
    },

    deactivate(id, reason) {
      const trimmed = reason.trim();
      if (trimmed === '') return Promise.reject(new DataError('person.deactivationReason', { field: 'reason' }));
      return modify(id, 'deactivate', (current, ctx, at) =>
        current.active ? { ...current, active: false, deactivation: { reason: trimmed, at, by: ctx.staff.id } } : current,
      );
    },

    reactivate(id) {
      return modify(id, 'reactivate', (current) => (current.active ? current : { ...current, active: true, deactivation: null }));
    },

    async search(query, limit) {
      const docs = await runSearch(persons, planSearch(query, deps.session()), limit);
      return docs.map(toPerson);
    },

    listIds: () => listPersonIdsByName(deps.store),
    listFirstIds: (limit) => listFirstPersonIdsByName(deps.store, limit),

    async getMany(ids) {
      const found = await persons.findByIds([...ids]).exec();
      const out: Person[] = [];
      for (const id of ids) {
        const doc = found.get(id);
        if (doc) out.push(toPerson(doc.toMutableJSON()));
      }
      return out;
    },

    count: () => countPersons(deps.store),

    async history(id) {
      const docs = await audit.find({ selector: { entityId: id }, sort: [{ at: 'desc' }] }).exec();
      return docs.map((d) => ({ ...d.toMutableJSON(), _deleted: false as const })).sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    },
  };
}
