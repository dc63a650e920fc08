import type { MangoQuerySelector } from 'rxdb';
import { combineLatest, map, switchMap, type Observable } from 'rxjs';
import { byCreation, isCorrection } from '../../shared/corrections/correction-effects';
import { correctionOf as buildCorrection, correctionProblem } from '../../shared/corrections/correction-rules';
import { findDoubleCoverage, type CoverageCase } from '../../shared/corrections/double-coverage';
import { newId, nowIso } from '../../shared/ids';
import { PAYMENT_METHODS, type Payment } from '../../shared/payment';
import type { CorrectionInput, CorrectionRepository, CoverageCaseView } from '../data/correction-contract';
import { DataError, type PaymentRejection } from '../data/contract';
import { LOCAL_DOC, type PaymentRejectionState } from './local-state';
import { requireWriter, type RepositoryDeps, type WriterContext } from './repository-deps';
import type { PaymentDoc } from './schemas/payment-schema';
import { guardWrite } from './storage-errors';
import { validateAudit, validatePayment } from './validation';

const toPayment = (doc: PaymentDoc): Payment => ({ ...doc, _deleted: false });

/** Ids of this device's payments the centre refused: they never happened, so they neither cover months nor correct anything. */
const refusedIds = (rejections: readonly PaymentRejection[]): Set<string> =>
  new Set(rejections.filter((r) => r.reason === 'refused').map((r) => r.paymentId));

/** Kinds that matter for double coverage: what claims months and what cancels it. */
const COVERAGE_KINDS = ['contribution', 'reversal', 'refund'];

/**
 * The approval rule (issue 3 §5): a second staff member of this station with
 * the reviewer flag, never the operator. The flag comes from the staff list
 * the centre gave at enrolment (session.staff) until the accounts issue adds
 * real reviewer log-in; the centre checks it again on push.
 */
function checkApproval(ctx: WriterContext, input: CorrectionInput): void {
  if (input.reason.trim() === '') throw new DataError('field.required', { field: 'reason' });
  if (input.approvedBy === '') throw new DataError('payment.approverRequired');
  if (input.approvedBy === ctx.staff.id) throw new DataError('payment.selfApproval');
  const approver = ctx.session.staff.find((s) => s.id === input.approvedBy);
  if (!approver?.reviewer) throw new DataError('payment.approverNotReviewer');
  if (!PAYMENT_METHODS.includes(input.method)) throw new DataError('payment.methodRequired');
}

/**
 * Reversals (冲正) and refunds (退费) over the local `payments` collection,
 * offline, with the shared rules (src/shared/corrections) the centre applies
 * again on push. Both insert a new immutable record; the original is never
 * touched (ADR 013).
 */
export function createCorrectionRepository(deps: RepositoryDeps): CorrectionRepository {
  const { payments, persons, audit, db } = deps.store;
  let queue: Promise<unknown> = Promise.resolve();
  // One correction at a time: two quick clicks must not both pass the alreadyCorrected check.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };

  const rejections$: Observable<PaymentRejection[]> = db
    .getLocal$<PaymentRejectionState>(LOCAL_DOC.paymentRejections)
    .pipe(map((doc) => (doc ? (structuredClone(doc.toJSON().data.rejections) as PaymentRejection[]) : [])));

  const currentRejections = async (): Promise<PaymentRejection[]> => {
    const doc = await db.getLocal<PaymentRejectionState>(LOCAL_DOC.paymentRejections);
    return doc ? (structuredClone(doc.toJSON().data.rejections) as PaymentRejection[]) : [];
  };

  async function write(ctx: WriterContext, payment: Payment, original: Payment): Promise<void> {
    const { _deleted: _d, ...doc } = payment;
    await guardWrite(() => payments.insert(doc));
    deps.localWrite('payments', payment.id, payment.createdAt);
    // Second write, as for payments: a crash in between loses a history line, never the money record.
    const event = validateAudit({
      id: newId(), entity: 'person', entityId: payment.personId, action: 'payment', fields: [payment.kind, original.receiptNo ?? original.id],
      staffId: ctx.staff.id, staffName: ctx.staff.name, deviceId: ctx.session.deviceId, stationId: ctx.session.stationId,
      at: payment.createdAt, _deleted: false,
    });
    const { _deleted: _e, ...eventDoc } = event;
    await guardWrite(() => audit.insert(eventDoc));
    deps.localWrite('audit', event.id, event.at);
  }

  const correct = (kind: 'reversal' | 'refund', input: CorrectionInput): Promise<Payment> =>
    serial(async () => {
      const ctx = requireWriter(deps);
      checkApproval(ctx, input);
      const originalDoc = await payments.findOne(input.paymentId).exec();
      if (!originalDoc) throw new DataError('payment.refNotFound', { refId: input.paymentId });
      const original = toPayment(originalDoc.toMutableJSON());
      const refused = refusedIds(await currentRejections());
      if (refused.has(original.id)) throw new DataError('payment.notCorrectable', { kind: 'refused' });
      const known = (await payments.find({ selector: { personId: original.personId } }).exec())
        .map((d) => toPayment(d.toMutableJSON()))
        .filter((p) => !refused.has(p.id));
      const record = validatePayment(
        buildCorrection(original, {
          id: newId(), kind, reason: input.reason.trim(), approvedBy: input.approvedBy, method: input.method,
          stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id, createdAt: nowIso(),
        }),
      );
      const problem = correctionProblem(record, known);
      if (problem) throw new DataError(problem.code, problem.params);
      await write(ctx, record, original);
      return record;
    });

  const withNames = async (cases: CoverageCase[]): Promise<CoverageCaseView[]> => {
    if (cases.length === 0) return [];
    const found = await persons.findByIds([...new Set(cases.map((c) => c.personId))]).exec();
    return cases.map((c) => ({ ...c, personName: found.get(c.personId)?.name ?? null }));
  };

  const cases$ = (selector: MangoQuerySelector<PaymentDoc>): Observable<CoverageCaseView[]> =>
    combineLatest([payments.find({ selector }).$, rejections$]).pipe(
      map(([docs, rejected]) => {
        const refused = refusedIds(rejected);
        return findDoubleCoverage(docs.map((d) => toPayment(d.toMutableJSON())).filter((p) => !refused.has(p.id)));
      }),
      switchMap(withNames),
    );

  const all$ = cases$({ kind: { $in: COVERAGE_KINDS } });
  const lastActivity = (c: CoverageCase): string => c.records.reduce((m, r) => (r.createdAt > m ? r.createdAt : m), '');

  return {
    reverse: (input) => correct('reversal', input),
    refund: (input) => correct('refund', input),
    doubleCoverage$: all$.pipe(map((cases) => cases.filter((c) => !c.settled))),
    settledCoverage$: all$.pipe(map((cases) => cases.filter((c) => c.settled).sort((a, b) => (lastActivity(a) < lastActivity(b) ? 1 : -1)))),
    forPerson: (personId) => cases$({ personId, kind: { $in: COVERAGE_KINDS } }),
    correctionOf: (paymentId) =>
      combineLatest([payments.find({ selector: { refId: paymentId } }).$, rejections$]).pipe(
        map(([docs, rejected]) => {
          const refused = refusedIds(rejected);
          const found = docs.map((d) => toPayment(d.toMutableJSON())).filter((p) => isCorrection(p) && !refused.has(p.id));
          return found.sort(byCreation)[0] ?? null;
        }),
      ),
  };
}
