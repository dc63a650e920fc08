import { combineLatest, defer, firstValueFrom, map, type Observable } from 'rxjs';
import { closedDaysOf, nextDay, paymentsOfDay, type CloseoutScope } from '../../shared/closeout/closeout-days';
import { closeoutTotals } from '../../shared/closeout/closeout-totals';
import { todayInChina } from '../../shared/id-number';
import { newId, nowIso } from '../../shared/ids';
import type { Payment } from '../../shared/payment';
import { isoDate } from '../../shared/person';
import type { CloseoutRecord } from '../../shared/records';
import type { CloseoutDay, CloseoutRepository } from '../data/closeout-contract';
import { DataError } from '../data/contract';
import { insertRecord } from './record-store';
import { requireWriter, type RepositoryDeps, type WriterContext } from './repository-deps';
import type { PaymentDoc } from './schemas/payment-schema';
import type { RecordDoc } from './schemas/record-schema';

const toPayment = (doc: PaymentDoc): Payment => ({ ...doc, _deleted: false });

const isCloseoutDoc = (doc: RecordDoc): doc is Omit<CloseoutRecord, '_deleted'> => doc.kind === 'closeout';
const toCloseout = (doc: Omit<CloseoutRecord, '_deleted'>): CloseoutRecord => ({ ...doc, _deleted: false });

/** The first instant of the China day after `day`, as the stored createdAt strings spell it (UTC, ms). */
const endOfChinaDay = (day: string): string => new Date(Date.parse(`${nextDay(day)}T00:00:00.000Z`) - 8 * 3600_000).toISOString();

function checkDay(day: string): void {
  if (!isoDate.safeParse(day).success) throw new DataError('date.format');
}

/** Newest day first; two close-outs of one day (two staff, or two offline devices) newest written first. */
const newestFirst = (a: CloseoutRecord, b: CloseoutRecord): number =>
  a.day === b.day ? (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1) : a.day < b.day ? 1 : -1;

/**
 * Daily close-out (日结) over the local `payments` and `records`
 * collections, fully offline. Which record falls on which day is the pure
 * rule of src/shared/closeout; a close-out is one immutable record listing
 * the day's payment ids with the totals, synced like every window record.
 * Nothing is ever updated: a day is closed by existing, and a record not
 * listed falls on the next open day.
 */
export function createCloseoutRepository(deps: RepositoryDeps): CloseoutRepository {
  const { payments, records } = deps.store;
  let queue: Promise<unknown> = Promise.resolve();
  // Two clicks on 日结 must not write two close-outs: closes run one at a time.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };

  // A record can only fall on its own China date or later, so nothing created after the day matters.
  const paymentsUpTo$ = (scope: CloseoutScope, day: string): Observable<Payment[]> =>
    payments
      .find({ selector: { stationId: scope.stationId, staffId: scope.staffId, createdAt: { $lt: endOfChinaDay(day) } } })
      .$.pipe(map((docs) => docs.map((d) => toPayment(d.toMutableJSON()))));

  const closeouts$ = (scope: CloseoutScope): Observable<CloseoutRecord[]> =>
    records
      .find({ selector: { kind: 'closeout', staffId: scope.staffId } })
      .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON()).filter(isCloseoutDoc).map(toCloseout).filter((c) => c.stationId === scope.stationId)));

  function dayView(ctx: WriterContext, day: string, all: readonly Payment[], closeouts: readonly CloseoutRecord[]): CloseoutDay {
    const scope = { stationId: ctx.session.stationId, staffId: ctx.staff.id };
    const dayRecords = paymentsOfDay(all, closeouts, scope, day);
    const closeout = closedDaysOf(closeouts, scope).days.get(day)?.[0] ?? null;
    return { day, staff: ctx.staff, records: dayRecords, totals: closeout ? closeout.totals : closeoutTotals(dayRecords), closeout };
  }

  function observe(day: string): Observable<CloseoutDay> {
    return defer(() => {
      checkDay(day);
      const ctx = requireWriter(deps);
      const scope = { stationId: ctx.session.stationId, staffId: ctx.staff.id };
      return combineLatest([paymentsUpTo$(scope, day), closeouts$(scope)]).pipe(map(([all, closeouts]) => dayView(ctx, day, all, closeouts)));
    });
  }

  return {
    preview: (day) => firstValueFrom(observe(day)),
    observe,

    close: (day) =>
      serial(async () => {
        const ctx = requireWriter(deps);
        checkDay(day);
        // A day that has not begun cannot be closed (its records would all fall on the day after).
        if (day > todayInChina()) throw new DataError('closeout.futureDay', { day });
        const view = await firstValueFrom(observe(day));
        if (view.closeout) throw new DataError('closeout.alreadyClosed', { day });
        const record = await insertRecord(deps, {
          id: newId(), kind: 'closeout', stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id,
          createdAt: nowIso(), _deleted: false, day, paymentIds: view.records.map((p) => p.id), totals: closeoutTotals(view.records),
        });
        if (record.kind !== 'closeout') throw new Error('insertRecord returned another kind');
        return record;
      }),

    list$: defer(() => {
      const stationId = deps.session()?.stationId;
      return records
        .find({ selector: { kind: 'closeout' } })
        .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON()).filter(isCloseoutDoc).map(toCloseout).filter((c) => c.stationId === stationId).sort(newestFirst)));
    }),
  };
}
