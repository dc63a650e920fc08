import { combineLatest, map } from 'rxjs';
import { todayInChina } from '../../shared/id-number';
import { newId, nowIso } from '../../shared/ids';
import { compareMonths, isMonth } from '../../shared/months';
import type { EnrolmentRecord, WindowRecord } from '../../shared/records';
import { activationOnConfirm, checkDecision, storedHistory, transferViews } from '../../shared/transfer-in';
import { DataError } from '../data/contract';
import type { EnrolmentRepository } from '../data/enrolment-contract';
import type { PersonTransfers, TransferInRepository, TransferRow } from '../data/transfer-in-contract';
import { insertRecord, recordRejections$ } from './record-store';
import { requireWriter, type RepositoryDeps } from './repository-deps';
import { toWindowRecord } from './schemas/record-schema';

const currentMonth = (): string => todayInChina().slice(0, 7);
const PERSON_KINDS = ['transfer_in', 'transfer_result', 'history'];

/**
 * Transfer-in records over the `records` collection (ADR 018). Like every record they are only
 * inserted; the state of a transfer is derived (src/shared/transfer-in). Decisions run one at a
 * time, so two quick clicks cannot both pass the "not yet decided" check.
 */
export function createTransferInRepository(deps: RepositoryDeps & { readonly enrolments: EnrolmentRepository }): TransferInRepository {
  const { records, persons } = deps.store;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };
  // Read through the (kind, createdAt) index and filtered by person (see record-schema.ts).
  const query = (personId: string, kinds: readonly string[]) => records.find({ selector: { kind: { $in: [...kinds] }, personId } });
  const read = async (personId: string, kinds: readonly string[]): Promise<WindowRecord[]> =>
    (await query(personId, kinds).exec()).map((d) => toWindowRecord(d.toMutableJSON()));
  const requirePerson = async (personId: string): Promise<void> => {
    if (!(await persons.findOne(personId).exec())) throw new DataError('person.notFound');
  };

  return {
    async record(input) {
      const ctx = requireWriter(deps);
      await requirePerson(input.personId);
      // The papers describe months already paid elsewhere: none can lie after this month.
      if (isMonth(input.toMonth) && compareMonths(input.toMonth, currentMonth()) > 0) {
        throw new DataError('transfer.futureMonth', { field: 'toMonth', max: currentMonth() });
      }
      const record = await insertRecord(deps, {
        id: newId(), kind: 'transfer_in', status: 'in_transit', personId: input.personId, scheme: input.scheme,
        fromRegionCode: input.fromRegionCode, fromInstitution: input.fromInstitution.trim(), fromMonth: input.fromMonth, toMonth: input.toMonth,
        monthsPaid: input.monthsPaid, deemedMonths: input.deemedMonths, baseTotalFen: input.baseTotalFen,
        personalAccountFen: input.personalAccountFen, pooledFundFen: input.pooledFundFen, documents: [...input.documents], note: input.note.trim(),
        stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id, createdAt: nowIso(), _deleted: false,
      });
      if (record.kind !== 'transfer_in') throw new Error('insertRecord changed the kind');
      return record;
    },

    decide: (input) =>
      serial(async () => {
        const ctx = requireWriter(deps);
        await requirePerson(input.personId);
        const mine = await read(input.personId, ['transfer_in', 'transfer_result']);
        const checked = checkDecision(transferViews(mine), input.transferId, input.outcome, input.reason);
        if (!checked.ok) throw new DataError(checked.code, checked.params);
        const month = currentMonth();
        if (input.outcome === 'confirmed') {
          const scheme = checked.value.transfer.scheme;
          const enrolments = (await read(input.personId, ['enrolment'])).filter((r): r is EnrolmentRecord => r.kind === 'enrolment');
          const activation = activationOnConfirm(enrolments, scheme, month);
          if (!activation.ok) throw new DataError(activation.code, activation.params);
          // Enrolment first: if the result write fails, a retry finds the relation active and only writes the result.
          if (activation.value === 'write') {
            await deps.enrolments.setStatus({ personId: input.personId, scheme, status: 'active', effectiveMonth: month, reason: null });
          }
        }
        const reason = input.reason === null || input.reason.trim() === '' ? null : input.reason.trim();
        const record = await insertRecord(deps, {
          id: newId(), kind: 'transfer_result', personId: input.personId, transferId: input.transferId, status: input.outcome,
          effectiveMonth: month, reason, stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id,
          createdAt: nowIso(), _deleted: false,
        });
        if (record.kind !== 'transfer_result') throw new Error('insertRecord changed the kind');
        return record;
      }),

    async setDeemedMonths(personId, deemedMonths, note) {
      const ctx = requireWriter(deps);
      await requirePerson(personId);
      const record = await insertRecord(deps, {
        id: newId(), kind: 'history', personId, deemedMonths, note: note.trim(), stationId: ctx.session.stationId,
        deviceId: ctx.session.deviceId, staffId: ctx.staff.id, createdAt: nowIso(), _deleted: false,
      });
      if (record.kind !== 'history') throw new Error('insertRecord changed the kind');
      return record;
    },

    forPerson: (personId) =>
      combineLatest([query(personId, PERSON_KINDS).$, recordRejections$(deps.store.db)]).pipe(
        map(([docs, rejections]): PersonTransfers => {
          const list = docs.map((d) => toWindowRecord(d.toMutableJSON()));
          const names = new Map((deps.session()?.staff ?? []).map((s) => [s.id, s.name]));
          const refused = new Map(rejections.map((r) => [r.recordId, r.code]));
          const transfers = transferViews(list).map((v): TransferRow => ({
            ...v,
            staffName: names.get(v.transfer.staffId) ?? v.transfer.staffId,
            decidedBy: v.decision ? (names.get(v.decision.staffId) ?? v.decision.staffId) : null,
            refusal: refused.get(v.transfer.id) ?? (v.decision ? (refused.get(v.decision.id) ?? null) : null),
          }));
          return { transfers, stored: storedHistory(list) };
        }),
      ),
  };
}
