import { map } from 'rxjs';
import type { AuditEvent } from '../../shared/audit';
import type { Conflict, ConflictResolution } from '../../shared/conflict';
import { chosenValue, resolutionProblem } from '../../shared/conflict-resolution';
import { newId, nowIso } from '../../shared/ids';
import { deepEqual } from '../../shared/merge';
import { PERSON_MERGE_FIELDS, type Person, type PersonMergeField } from '../../shared/person';
import type { ConflictFieldChoice, ConflictReviewRepository } from '../data/conflict-review-contract';
import { DataError } from '../data/contract';
import type { DeviceHlc } from './device-hlc';
import { requireWriter, stampAfter, type RepositoryDeps } from './repository-deps';
import type { ConflictDoc } from './schemas/conflict-schema';
import { guardWrite } from './storage-errors';
import { validateAudit, validatePerson } from './validation';

const toConflict = (doc: ConflictDoc): Conflict => ({ ...doc, _deleted: false });

/**
 * The person's new state: only 'local' and 'typed' choices write. 'server'
 * keeps what the device holds now, which is the server's value or a later
 * edit of it; writing the clash's old server value would undo that edit.
 */
function applyChoices(current: Person, resolution: ConflictResolution): Person {
  const next: Record<string, unknown> = { ...current };
  for (const f of resolution.fields) if (f.choice !== 'server') next[f.field] = f.value;
  return next as Person;
}

/** Implements ConflictReviewRepository over the local conflicts and persons collections; works offline. */
export function createConflictReviewRepository(deps: RepositoryDeps & { readonly hlc: DeviceHlc }): ConflictReviewRepository {
  const { conflicts, persons, audit } = deps.store;

  return {
    observe: (conflictId) => conflicts.findOne(conflictId).$.pipe(map((doc) => (doc ? toConflict(doc.toMutableJSON()) : null))),

    observeResolved: (limit) =>
      conflicts.find({ selector: { status: 'resolved' } }).$.pipe(
        map((docs) =>
          docs
            .map((d) => toConflict(d.toMutableJSON()))
            .sort((a, b) => ((a.resolution?.at ?? '') < (b.resolution?.at ?? '') ? 1 : -1))
            .slice(0, limit),
        ),
      ),

    async resolve(conflictId, choices: readonly ConflictFieldChoice[]) {
      const ctx = requireWriter(deps);
      const doc = await conflicts.findOne(conflictId).exec();
      if (!doc) throw new DataError('conflict.notFound');
      const stored = toConflict(doc.toMutableJSON());
      if (stored.status === 'resolved') throw new DataError('conflict.alreadyResolved');
      const fields = stored.fields.map((clash) => {
        const c = choices.find((x) => x.field === clash.field);
        if (!c) throw new DataError('conflict.fields', { field: clash.field });
        return { field: clash.field, choice: c.choice, value: chosenValue(clash, c.choice, c.typed) };
      });
      const at = nowIso();
      const resolution: ConflictResolution = {
        by: { id: ctx.staff.id, name: ctx.staff.name },
        stationId: ctx.session.stationId,
        deviceId: ctx.session.deviceId,
        at,
        hlc: deps.hlc.stamp(),
        fields,
      };
      const next: Conflict = { ...stored, status: 'resolved', resolution };
      const problem = resolutionProblem(stored, next);
      if (problem !== null) throw new DataError(problem);

      // Everything is validated before the first write: a refused resolution stores nothing.
      const personDoc = await persons.findOne(stored.entityId).exec();
      if (!personDoc) throw new DataError('person.notFound');
      const current: Person = { ...personDoc.toMutableJSON(), _deleted: false };
      const wanted = applyChoices(current, resolution);
      const changed: PersonMergeField[] = PERSON_MERGE_FIELDS.filter((f) => !deepEqual(current[f], wanted[f]));
      let person: Person | null = null;
      if (changed.length > 0) {
        const updatedAt = stampAfter(current.updatedAt, at);
        person = validatePerson({ ...wanted, updatedAt, updatedBy: ctx.staff.id, updatedDevice: ctx.session.deviceId });
      }
      if (person !== null) {
        const written = person;
        await guardWrite(() =>
          personDoc.incrementalModify((data) => {
            // A pull may have changed the person since it was read: the choices are applied to
            // that latest state (same stamps), and validated again.
            const { _deleted, _meta: _m, _rev: _r, _attachments: _a, ...latest } = data as typeof data & Record<'_meta' | '_rev' | '_attachments', unknown>;
            const again = validatePerson({ ...applyChoices({ ...latest, _deleted: false }, resolution), updatedAt: written.updatedAt, updatedBy: written.updatedBy, updatedDevice: written.updatedDevice });
            const { _deleted: _x, ...fresh } = again;
            return { ...fresh, _deleted };
          }),
        );
        deps.localWrite('persons', written.id, written.updatedAt);
        const event: AuditEvent = validateAudit({
          id: newId(), entity: 'person', entityId: written.id, action: 'update', fields: changed,
          staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId,
          at: written.updatedAt, _deleted: false,
        });
        const { _deleted: _e, ...eventDoc } = event;
        await guardWrite(() => audit.insert(eventDoc));
        deps.localWrite('audit', event.id, event.at);
      }
      await guardWrite(() => doc.incrementalPatch({ status: 'resolved', resolution }));
      return next;
    },
  };
}
