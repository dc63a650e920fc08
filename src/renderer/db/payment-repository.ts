import { combineLatest, defer, from, map, of, startWith, switchMap } from 'rxjs';
import { backPayApprovalProblem, isBackPaySpan } from '../../shared/contributions/back-pay-approval';
import { calculateContribution } from '../../shared/contributions/contribution-calc';
import type { ContributionLine, ContributionResult } from '../../shared/contributions/contribution-types';
import { todayInChina } from '../../shared/id-number';
import { newId } from '../../shared/ids';
import type { Payment, PaymentLine } from '../../shared/payment';
import { formatReceiptNumber, parseReceiptNumber } from '../../shared/receipts/receipt-number';
import { receiptStock } from '../../shared/receipts/receipt-blocks';
import {
  DataError, type DeviceSession, type PaymentInput, type PaymentPreview, type PaymentRejection, type PaymentRepository, type PaymentView,
  type PolicyRepository, type ReceiptStockStatus,
} from '../data/contract';
import { LOCAL_DOC, readLocal, writeLocal, type PaymentRejectionState, type ReceiptBlockState } from './local-state';
import { checkPaymentInput, contributionRequest } from './payment-input';
import { paymentStatus } from './payment-status';
import { serialWrite, takeReceiptNumbers } from './receipt-numbers';
import { blocksOf, readStock, receiptYear, usedSerialSet } from './receipt-stock';
import { requireSession, requireWriter, type RepositoryDeps, type WriterContext } from './repository-deps';
import type { PaymentDoc } from './schemas/payment-schema';
import { guardWrite } from './storage-errors';
import { validateAudit, validatePayment } from './validation';

export interface PaymentRepositoryDeps extends RepositoryDeps {
  readonly policy: PolicyRepository;
  /**
   * The clock (default: the machine's). One source for createdAt, the
   * current month that decides a back-payment and the receipt year, so they
   * never disagree; tests pass a fixed date to pay fixed months as regular.
   */
  readonly now?: () => Date;
}

const toPayment = (doc: PaymentDoc): Payment => ({ ...doc, _deleted: false });

/** The stored line: the calculation's line without the fields the payment itself carries (scheme, region). */
function toLine(l: ContributionLine): PaymentLine {
  return {
    packVersion: l.packVersion, fromMonth: l.fromMonth, toMonth: l.toMonth, months: l.months, baseFen: l.baseFen, rate: l.rate,
    gradeId: l.gradeId, totalFen: l.totalFen, personalAccountFen: l.personalAccountFen, pooledFen: l.pooledFen,
    subsidyFen: l.subsidyFen, personFen: l.personFen, dueNowFen: l.dueNowFen, subsidyPayment: l.subsidyPayment,
  };
}

function toPreview(r: ContributionResult & { readonly backPayment: boolean }): PaymentPreview {
  return {
    lines: r.lines.map(toLine), totalFen: r.totalFen, paidFen: r.dueNowFen, personalAccountFen: r.personalAccountFen,
    pooledFen: r.pooledFen, subsidyFen: r.subsidyFen, personFen: r.personFen, backPayment: r.backPayment,
  };
}

/**
 * A back-payment needs a reviewer of this station other than the operator (ADR 017). The reviewer
 * flag comes from the staff list the centre gave at enrolment; the centre checks it again on push.
 */
function checkBackPayApproval(ctx: WriterContext, approvedBy: string | null | undefined): string {
  const reviewers = new Set(ctx.session.staff.filter((s) => s.reviewer).map((s) => s.id));
  const problem = backPayApprovalProblem(approvedBy, ctx.staff.id, reviewers);
  if (problem !== null || !approvedBy) throw new DataError(problem ?? 'payment.backPayApproval');
  return approvedBy;
}

function stockStatus(session: DeviceSession | null, state: ReceiptBlockState | null, used: ReadonlySet<number>, year: number): ReceiptStockStatus {
  if (!session) return { year, remaining: 0, liveCapacity: 0, warn: true, nextReceiptNo: null };
  const stock = receiptStock(blocksOf(state, session), used, year);
  const nextReceiptNo = stock.next === null ? null : formatReceiptNumber({ stationCode: session.stationCode, deviceNo: session.deviceNo, year, serial: stock.next });
  return { year, remaining: stock.remaining, liveCapacity: stock.liveCapacity, warn: stock.warn, nextReceiptNo };
}

/**
 * Payments over the local `payments` collection (issue 3 §3–§4), fully
 * offline. Records are immutable: take() and voidReceipt() insert, nothing
 * updates or deletes. Receipt serials come only from the leased blocks;
 * takes run one at a time so two saves can never get the same serial.
 */
export function createPaymentRepository(deps: PaymentRepositoryDeps): PaymentRepository {
  const { payments, persons, audit, db } = deps.store;
  // One queue per store, shared with every repository that issues receipt numbers (receipt-numbers.ts).
  const serial = <T>(task: () => Promise<T>): Promise<T> => serialWrite(deps.store, task);
  const now = deps.now ?? ((): Date => new Date());

  async function compute(input: PaymentInput, session: DeviceSession, at: Date): Promise<ContributionResult & { readonly backPayment: boolean }> {
    if (input.subsidy) await requireCategory(input.personId, input.subsidy.category);
    const packs = await deps.policy.packsOf(session.regionCode);
    // As the server judges it (payment-amounts.ts): a span wholly before this
    // month (China time) is a back-payment (补缴) under the pack's
    // backPayment rule, even when it is also an allowed period (ADR 017).
    // `at` is the payment's createdAt, from which the centre judges it again.
    const month = todayInChina(at).slice(0, 7);
    const backPayment = isBackPaySpan(input.scheme, input.toMonth, month);
    const currentMonth = backPayment ? month : undefined;
    const result = calculateContribution(contributionRequest(input, session.regionCode, currentMonth), packs);
    if (!result.ok) throw new DataError(result.code, result.params);
    return { ...result.value, backPayment };
  }

  /** The subsidy is for a category the person holds (社保补贴 follows the person's registered status). */
  async function requireCategory(personId: string, category: string): Promise<void> {
    const person = await persons.findOne(personId).exec();
    if (!person) throw new DataError('person.notFound');
    if (!person.categories.some((c) => c.code === category)) throw new DataError('subsidy.notHeld', { category });
  }

  async function writeWithAudit(ctx: WriterContext, payment: Payment, action: 'payment' | 'receiptVoid'): Promise<void> {
    const { _deleted: _d, ...doc } = payment;
    await guardWrite(() => payments.insert(doc));
    deps.localWrite('payments', payment.id, payment.createdAt);
    // Second write: a crash between the two loses one history line, never the money record (ADR 005).
    const event = validateAudit({
      id: newId(), entity: 'person', entityId: payment.personId, action, fields: [payment.receiptNo ?? payment.id],
      staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId,
      at: payment.createdAt, _deleted: false,
    });
    const { _deleted: _e, ...eventDoc } = event;
    await guardWrite(() => audit.insert(eventDoc));
    deps.localWrite('audit', event.id, event.at);
  }

  async function requirePerson(personId: string): Promise<void> {
    if (!(await persons.findOne(personId).exec())) throw new DataError('person.notFound');
  }

  const rejections = async (): Promise<PaymentRejection[]> => (await readLocal(db, LOCAL_DOC.paymentRejections))?.rejections ?? [];

  const views = (docs: readonly PaymentDoc[], rejected: readonly PaymentRejection[]): PaymentView[] => {
    const all = docs.map(toPayment);
    return all.map((payment) => paymentStatus(payment, all, rejected));
  };

  return {
    async preview(input) {
      try {
        const session = requireSession(deps);
        checkPaymentInput(input);
        return { ok: true, preview: toPreview(await compute(input, session, now())) };
      } catch (error) {
        if (error instanceof DataError) return { ok: false, code: error.code, ...(error.params ? { params: error.params } : {}) };
        throw error;
      }
    },

    take: (input) =>
      serial(async () => {
        const ctx = requireWriter(deps);
        const { session } = ctx;
        checkPaymentInput(input);
        await requirePerson(input.personId);
        const at = now();
        const result = await compute(input, session, at);
        const approvedBy = result.backPayment ? checkBackPayApproval(ctx, input.approvedBy) : null;
        const createdAt = at.toISOString();
        // Never an invented number: with no serial left the payment is refused.
        const receiptNo = input.channel === 'window' ? ((await takeReceiptNumbers(deps.store, session, createdAt, 1))[0] ?? null) : null;
        const preview = toPreview(result);
        const payment = validatePayment({
          id: newId(), kind: 'contribution', personId: input.personId, scheme: input.scheme, regionCode: session.regionCode,
          fromMonth: input.fromMonth, toMonth: input.toMonth, lines: preview.lines, totalFen: preview.totalFen, paidFen: preview.paidFen,
          method: input.method, channel: input.channel, receiptNo, refId: null, reason: null, approvedBy,
          stationId: session.stationId, deviceId: session.deviceId, staffId: ctx.staff.id, createdAt, _deleted: false,
        });
        await writeWithAudit(ctx, payment, 'payment');
        return payment;
      }),

    voidReceipt: (receiptNo, reason, context) =>
      serial(async () => {
        const ctx = requireWriter(deps);
        const { session } = ctx;
        const parsed = parseReceiptNumber(receiptNo);
        if (!parsed.ok) throw new DataError(parsed.code, { field: 'receiptNo' });
        const p = parsed.value;
        if (p.stationCode !== session.stationCode || p.deviceNo !== session.deviceNo) throw new DataError('receipt.notMine', { receiptNo: p.formatted });
        if (reason.trim() === '') throw new DataError('field.required', { field: 'reason' });
        await requirePerson(context.personId);
        const { blocks, used } = await readStock(deps.store, session, p.year);
        if (!blocks.some((b) => b.year === p.year && p.serial >= b.from && p.serial <= b.to)) throw new DataError('receipt.notLeased', { receiptNo: p.formatted });
        if (used.has(p.serial)) throw new DataError('receipt.inUse', { receiptNo: p.formatted });
        const payment = validatePayment({
          id: newId(), kind: 'void_receipt', personId: context.personId, scheme: context.scheme, regionCode: session.regionCode,
          fromMonth: null, toMonth: null, lines: [], totalFen: 0, paidFen: 0, method: null, channel: 'window', receiptNo: p.formatted,
          refId: null, reason: reason.trim(), approvedBy: null, stationId: session.stationId, deviceId: session.deviceId,
          staffId: ctx.staff.id, createdAt: now().toISOString(), _deleted: false,
        });
        await writeWithAudit(ctx, payment, 'receiptVoid');
        return payment;
      }),

    forPerson: (personId) =>
      combineLatest([
        payments.find({ selector: { personId }, sort: [{ createdAt: 'desc' }] }).$,
        db.getLocal$<PaymentRejectionState>(LOCAL_DOC.paymentRejections),
      ]).pipe(map(([docs, rej]) => views(docs.map((d) => d.toMutableJSON()), rej ? (structuredClone(rej.toJSON().data.rejections) as PaymentRejection[]) : []))),

    async get(id) {
      const doc = await payments.findOne(id).exec();
      if (!doc) return null;
      const related = await payments.find({ selector: { personId: doc.personId } }).exec();
      const all = related.map((d) => toPayment(d.toMutableJSON()));
      return paymentStatus(toPayment(doc.toMutableJSON()), all, await rejections());
    },

    recordPrint: (paymentId) =>
      serial(async () => {
        const counts = { ...(await readLocal(db, LOCAL_DOC.receiptPrints))?.counts };
        const n = (counts[paymentId] ?? 0) + 1;
        counts[paymentId] = n;
        await guardWrite(() => writeLocal(db, LOCAL_DOC.receiptPrints, { counts }));
        return n;
      }),

    async printCount(paymentId) {
      return (await readLocal(db, LOCAL_DOC.receiptPrints))?.counts[paymentId] ?? 0;
    },

    receiptStock$: defer(() => {
      const session = deps.session();
      if (!session) return of(stockStatus(null, null, new Set(), receiptYear(now())));
      const year = receiptYear(now());
      // Follows inserts through the kept serial index (receipt-stock.ts), not a query over every payment of the device.
      const used$ = payments.insert$.pipe(
        startWith(null),
        switchMap(() => from(usedSerialSet(deps.store, session, year))),
      );
      return combineLatest([used$, db.getLocal$<ReceiptBlockState>(LOCAL_DOC.receiptBlocks)]).pipe(
        map(([used, blocks]) => stockStatus(session, blocks ? (structuredClone(blocks.toJSON().data) as ReceiptBlockState) : null, used, year)),
      );
    }),

    rejections$: db
      .getLocal$<PaymentRejectionState>(LOCAL_DOC.paymentRejections)
      .pipe(map((doc) => (doc ? (structuredClone(doc.toJSON().data.rejections) as PaymentRejection[]) : []))),
  };
}
