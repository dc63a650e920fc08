import { combineLatest, map } from 'rxjs';
import { checkStatusChange, compareTimeline, enrolmentViews } from '../../shared/enrolment-status';
import { todayInChina } from '../../shared/id-number';
import { newId, nowIso } from '../../shared/ids';
import type { EnrolmentRecord } from '../../shared/records';
import { DataError } from '../data/contract';
import type { EnrolmentHistoryRow, EnrolmentRepository, PersonEnrolments } from '../data/enrolment-contract';
import { insertRecord, recordRejections$, type RecordRejection } from './record-store';
import { requireWriter, type RepositoryDeps } from './repository-deps';
import { toWindowRecord, type RecordDoc } from './schemas/record-schema';
import { guardWrite } from './storage-errors';
import { validateAudit } from './validation';

const currentMonth = (): string => todayInChina().slice(0, 7);

const enrolmentsOf = (docs: readonly RecordDoc[]): EnrolmentRecord[] =>
  docs.map(toWindowRecord).filter((r): r is EnrolmentRecord => r.kind === 'enrolment');

/**
 * Enrolment status records over the `records` collection (issue 3 §2,
 * ADR 012). Nothing is updated: every change is a new immutable record,
 * and the status is derived from all of them (src/shared/enrolment-status).
 * Changes run one at a time, so two quick clicks cannot both pass the
 * transition check against the same history.
 */
export function createEnrolmentRepository(deps: RepositoryDeps): EnrolmentRepository {
  const { records, persons, audit, db } = deps.store;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };

  // A person's enrolments are read through the (kind, createdAt) index and filtered (see record-schema.ts).
  const query = (personId: string) => records.find({ selector: { kind: 'enrolment', personId }, sort: [{ createdAt: 'asc' }] });

  return {
    setStatus: (input) =>
      serial(async () => {
        const ctx = requireWriter(deps);
        if (!(await persons.findOne(input.personId).exec())) throw new DataError('person.notFound');
        const reason = input.reason === null || input.reason.trim() === '' ? null : input.reason.trim();
        const existing = enrolmentsOf((await query(input.personId).exec()).map((d) => d.toMutableJSON()));
        const checked = checkStatusChange(existing, { ...input, reason }, currentMonth());
        if (!checked.ok) throw new DataError(checked.code, checked.params);
        const createdAt = nowIso();
        const record = await insertRecord(deps, {
          id: newId(), kind: 'enrolment', personId: input.personId, scheme: input.scheme, status: input.status,
          effectiveMonth: input.effectiveMonth, reason, stationId: ctx.session.stationId, deviceId: ctx.session.deviceId,
          staffId: ctx.staff.id, createdAt, _deleted: false,
        });
        if (record.kind !== 'enrolment') throw new Error('insertRecord changed the kind');
        // Second write: a crash between the two loses one history line, never the record (ADR 005).
        const event = validateAudit({
          id: newId(), entity: 'person', entityId: input.personId, action: 'enrolment', fields: [input.scheme, input.status],
          staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId,
          at: createdAt, _deleted: false,
        });
        const { _deleted: _e, ...eventDoc } = event;
        await guardWrite(() => audit.insert(eventDoc));
        deps.localWrite('audit', event.id, event.at);
        return record;
      }),

    forPerson: (personId) =>
      combineLatest([query(personId).$, audit.find({ selector: { entityId: personId } }).$, recordRejections$(db)]).pipe(
        map(([docs, events, rejections]): PersonEnrolments => {
          const list = enrolmentsOf(docs.map((d) => d.toMutableJSON()));
          // Staff of other stations are not in this device's session; their audit events carry the name.
          const names = new Map<string, string>(events.map((e) => [e.staffId, e.staffName]));
          const session = deps.session();
          for (const s of session?.staff ?? []) names.set(s.id, s.name);
          const refused = new Map<string, RecordRejection>(rejections.map((r) => [r.recordId, r]));
          const history: EnrolmentHistoryRow[] = [...list].sort(compareTimeline).reverse().map((record) => ({
            record,
            staffName: names.get(record.staffId) ?? record.staffId,
            stationName: session && record.stationId === session.stationId ? session.stationName : null,
            refusal: refused.get(record.id)?.code ?? null,
          }));
          const month = currentMonth();
          return { month, schemes: enrolmentViews(list, month), history, records: list };
        }),
      ),
  };
}
