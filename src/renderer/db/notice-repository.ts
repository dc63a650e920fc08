import { map } from 'rxjs';
import { newId, nowIso } from '../../shared/ids';
import { noticeRecordSchema, type NoticeRecord } from '../../shared/records';
import { DataError } from '../data/contract';
import type { NoticeRepository, NoticeView } from '../data/notice-contract';
import { insertRecord } from './record-store';
import { requireWriter, type RepositoryDeps } from './repository-deps';
import { toWindowRecord } from './schemas/record-schema';
import { dataErrorFromIssue } from './validation';

const isNotice = (r: ReturnType<typeof toWindowRecord>): r is NoticeRecord => r.kind === 'notice';

/**
 * Notices issued (ADR 017) over the `records` collection. A batch is
 * validated whole first (schema and persons), so a bad row stores nothing;
 * the inserts then run one by one (each is its own immutable record, synced
 * like every window record).
 */
export function createNoticeRepository(deps: RepositoryDeps): NoticeRepository {
  const { records, persons } = deps.store;
  return {
    async recordBatch(inputs) {
      const ctx = requireWriter(deps);
      const createdAt = nowIso();
      const candidates = inputs.map((i) => ({
        id: newId(), kind: 'notice', personId: i.personId, schemes: [...i.schemes], monthsUnpaid: i.monthsUnpaid, since: i.since,
        stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id, createdAt, _deleted: false,
      }));
      for (const c of candidates) {
        const parsed = noticeRecordSchema.safeParse(c);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw issue ? dataErrorFromIssue(issue) : new DataError('field.invalid', { field: '' });
        }
      }
      const known = await persons.findByIds(candidates.map((c) => c.personId)).exec();
      if (candidates.some((c) => !known.has(c.personId))) throw new DataError('person.notFound');
      const out: NoticeRecord[] = [];
      for (const c of candidates) {
        const r = await insertRecord(deps, c);
        if (!isNotice(r)) throw new Error('insertRecord changed the kind');
        out.push(r);
      }
      return out;
    },

    counts: () =>
      records.find({ selector: { kind: 'notice' } }).$.pipe(
        map((docs) => {
          const n = new Map<string, number>();
          for (const d of docs) {
            const id = d.personId;
            if (id !== undefined) n.set(id, (n.get(id) ?? 0) + 1);
          }
          return n;
        }),
      ),

    forPerson: (personId) =>
      // Ids are monotonic ULIDs: they order notices printed in the same millisecond.
      records.find({ selector: { kind: 'notice', personId }, sort: [{ createdAt: 'desc' }, { id: 'desc' }] }).$.pipe(
        map((docs) => {
          const names = new Map((deps.session()?.staff ?? []).map((s) => [s.id, s.name]));
          return docs
            .map((d) => toWindowRecord(d.toMutableJSON()))
            .filter(isNotice)
            .map((record): NoticeView => ({ record, staffName: names.get(record.staffId) ?? record.staffId }));
        }),
      ),
  };
}
