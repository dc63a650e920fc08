import { combineLatest, map, switchMap, type Observable } from 'rxjs';
import { personStatement } from '../../shared/contributions/statement';
import { personTopUps, topUpWorklist, TOP_UP_MAX_LINES, type OwedTopUp } from '../../shared/contributions/top-up-worklist';
import { todayInChina } from '../../shared/id-number';
import { newId, nowIso } from '../../shared/ids';
import { compareMonths } from '../../shared/months';
import type { Payment, PaymentLine } from '../../shared/payment';
import type { PolicyPack } from '../../shared/policy/pack-schema';
import { DataError, type PaymentRejection, type PolicyRepository } from '../data/contract';
import type { PersonTopUp, StatementRepository, TopUpMonth, TopUpRepository, TopUpWorkItem } from '../data/top-up-contract';
import { LOCAL_DOC, readLocal, type PaymentRejectionState } from './local-state';
import { serialWrite, takeReceiptNumbers } from './receipt-numbers';
import { requireWriter, type RepositoryDeps, type WriterContext } from './repository-deps';
import type { PaymentDoc } from './schemas/payment-schema';
import { guardWrite } from './storage-errors';
import { validateAudit, validatePayment } from './validation';

export interface TopUpRepositoryDeps extends RepositoryDeps {
  readonly policy: PolicyRepository;
  /** The payments' clock (PaymentRepositoryDeps.now): a 补差 is numbered in the receipt year contributions are. */
  readonly now?: () => Date;
}

const toPayment = (doc: PaymentDoc): Payment => ({ ...doc, _deleted: false });

/** Payments the centre refused or replaced never became money: they owe nothing and credit nothing. */
const excludedIds = (rejections: readonly PaymentRejection[]): Set<string> => new Set(rejections.map((r) => r.paymentId));

/** What one original owes, as the records take() writes: ≤ 24 lines each (paymentSchema), all with the original as refId. */
function recordChunks(owed: readonly OwedTopUp[]): Array<{ owed: OwedTopUp; lines: PaymentLine[] }> {
  const out: Array<{ owed: OwedTopUp; lines: PaymentLine[] }> = [];
  for (const o of owed) for (let i = 0; i < o.lines.length; i += TOP_UP_MAX_LINES) out.push({ owed: o, lines: o.lines.slice(i, i + TOP_UP_MAX_LINES) });
  return out;
}

function personView(personId: string, owed: readonly OwedTopUp[], byId: ReadonlyMap<string, Payment>): PersonTopUp {
  const items: TopUpMonth[] = owed.flatMap((o) =>
    o.items.map((i) => ({
      month: i.month, scheme: i.scheme, paidBaseFen: i.paidBaseFen, newFloorFen: i.newFloorFen, baseDiffFen: i.baseDiffFen, rate: i.rate,
      owedFen: i.owedFen, paidPackVersion: i.paidPackVersion, newPackVersion: i.newPackVersion, refId: o.refId,
      refReceiptNo: byId.get(o.refId)?.receiptNo ?? null,
    })),
  );
  items.sort((a, b) => compareMonths(a.month, b.month) || a.scheme.localeCompare(b.scheme));
  return { personId, items, totalFen: owed.reduce((s, o) => s + o.totalFen, 0), records: recordChunks(owed).length };
}

/**
 * 补差 and 对账单 over the local store (ADR 014). Both are derived on the
 * fly from the payment records and the verified packs, never stored: a new
 * pack, a synced payment, a reversal or a centre refusal changes what is
 * owed and credited the moment it arrives. take() writes top_up records in
 * the shape the centre's checkTopUp accepts, through the same receipt
 * serial queue as the payment form.
 */
export function createTopUpRepositories(deps: TopUpRepositoryDeps): { topUps: TopUpRepository; statements: StatementRepository } {
  const { payments, persons, packs, audit, db } = deps.store;
  const rejections$: Observable<PaymentRejection[]> = db
    .getLocal$<PaymentRejectionState>(LOCAL_DOC.paymentRejections)
    .pipe(map((doc) => (doc ? (structuredClone(doc.toJSON().data.rejections) as PaymentRejection[]) : [])));
  const regionPacks = async (): Promise<PolicyPack[]> => {
    const session = deps.session();
    return session ? deps.policy.packsOf(session.regionCode) : [];
  };
  /** Live inputs: the chosen payments, any change to the packs, and the refusals. */
  const live = <T>(query: Observable<Array<{ toMutableJSON(): PaymentDoc }>>, compute: (ps: Payment[], pk: PolicyPack[], excluded: Set<string>) => Promise<T>): Observable<T> =>
    combineLatest([query, packs.find().$, rejections$]).pipe(
      switchMap(async ([docs, , rejected]) => compute(docs.map((d) => toPayment(d.toMutableJSON())), await regionPacks(), excludedIds(rejected))),
    );

  async function writeWithAudit(ctx: WriterContext, payment: Payment): Promise<void> {
    const { _deleted: _d, ...doc } = payment;
    await guardWrite(() => payments.insert(doc));
    deps.localWrite('payments', payment.id, payment.createdAt);
    // Second write: a crash between the two loses one history line, never the money record (ADR 005).
    const event = validateAudit({
      id: newId(), entity: 'person', entityId: payment.personId, action: 'payment', fields: [payment.receiptNo ?? payment.id],
      staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId, at: payment.createdAt, _deleted: false,
    });
    const { _deleted: _e, ...eventDoc } = event;
    await guardWrite(() => audit.insert(eventDoc));
    deps.localWrite('audit', event.id, event.at);
  }

  const personPayments = async (personId: string): Promise<Payment[]> =>
    (await payments.find({ selector: { personId } }).exec()).map((d) => toPayment(d.toMutableJSON()));

  const topUps: TopUpRepository = {
    worklist: (sort) =>
      live(payments.find().$, async (all, pk, excluded) => {
        const owed = topUpWorklist(all, pk, excluded);
        const found = await persons.findByIds(owed.map((o) => o.personId)).exec();
        const rows: TopUpWorkItem[] = owed.map((o) => {
          const person = found.get(o.personId);
          return {
            personId: o.personId, name: person?.name ?? null, idNumber: person?.idNumber ?? null,
            schemes: [...new Set(o.topUps.map((t) => t.scheme))], months: o.months, totalFen: o.totalFen,
          };
        });
        // Largest amount first is topUpWorklist's order; by name uses the Chinese collation clerks expect.
        if (sort === 'name') rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') || (a.personId < b.personId ? -1 : 1));
        return rows;
      }),

    forPerson: (personId) =>
      live(payments.find({ selector: { personId } }).$, (mine, pk, excluded) =>
        Promise.resolve(personView(personId, personTopUps(mine, pk, excluded), new Map(mine.map((p) => [p.id, p])))),
      ),

    take: (input) =>
      serialWrite(deps.store, async () => {
        const ctx = requireWriter(deps);
        const { session } = ctx;
        if (!(await persons.findOne(input.personId).exec())) throw new DataError('person.notFound');
        const rejected = (await readLocal(db, LOCAL_DOC.paymentRejections))?.rejections ?? [];
        const owed = personTopUps(await personPayments(input.personId), await regionPacks(), excludedIds(rejected)).filter(
          (o) => input.scheme === undefined || o.scheme === input.scheme,
        );
        const chunks = recordChunks(owed);
        if (chunks.length === 0) throw new DataError('topUp.nothingOwed');
        const createdAt = deps.now ? deps.now().toISOString() : nowIso();
        // Every number first: with too few left, nothing at all is written.
        const numbers = await takeReceiptNumbers(deps.store, session, createdAt, chunks.length);
        const records = chunks.map(({ owed: o, lines }, i) => {
          const totalFen = lines.reduce((s, l) => s + l.totalFen, 0);
          return validatePayment({
            id: newId(), kind: 'top_up', personId: o.personId, scheme: o.scheme, regionCode: o.regionCode,
            fromMonth: lines[0]?.fromMonth ?? null, toMonth: lines[lines.length - 1]?.toMonth ?? null, lines, totalFen, paidFen: totalFen,
            method: input.method, channel: 'window', receiptNo: numbers[i] ?? null, refId: o.refId, reason: null, approvedBy: null,
            stationId: session.stationId, deviceId: session.deviceId, staffId: ctx.staff.id, createdAt, _deleted: false,
          });
        });
        // Each record stands alone: if a write fails midway, the months not written simply stay owed.
        for (const r of records) await writeWithAudit(ctx, r);
        return records;
      }),
  };

  const statements: StatementRepository = {
    forPersonScheme: (personId, scheme) =>
      live(payments.find({ selector: { personId } }).$, (mine, pk, excluded) => {
        const regionCode = deps.session()?.regionCode ?? mine[0]?.regionCode ?? '';
        const throughYear = Number(todayInChina().slice(0, 4));
        return Promise.resolve(personStatement(mine, pk, { personId, scheme, regionCode, throughYear }, excluded));
      }),
  };

  return { topUps, statements };
}
