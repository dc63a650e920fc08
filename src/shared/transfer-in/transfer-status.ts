import { checkStatusChange } from '../enrolment-status';
import type { Month } from '../months';
import type { Scheme } from '../policy/schemes';
import type { EnrolmentRecord, HistoryRecord, TransferInRecord, TransferOutcome, TransferResultRecord, WindowRecord } from '../records';
import { err, ok, type Result } from '../result';

/**
 * A transfer-in and its decision, derived from immutable records (ADR 018): the transfer_in record
 * is in transit until a transfer_result names it. Two stations deciding the same transfer offline
 * is possible; the first decision written (createdAt, then id) stands and the others are listed.
 */
export type TransferStatus = 'in_transit' | TransferOutcome;

export interface TransferView {
  readonly transfer: TransferInRecord;
  readonly status: TransferStatus;
  readonly decision: TransferResultRecord | null;
  /** Later decisions on the same transfer (written offline elsewhere): shown, never counted. */
  readonly laterDecisions: readonly TransferResultRecord[];
}

const byWrite = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** One person's transfers, newest registration first. */
export function transferViews(records: readonly WindowRecord[]): TransferView[] {
  const results = new Map<string, TransferResultRecord[]>();
  for (const r of records) if (r.kind === 'transfer_result') results.set(r.transferId, [...(results.get(r.transferId) ?? []), r]);
  return records
    .filter((r): r is TransferInRecord => r.kind === 'transfer_in')
    .sort(byWrite)
    .reverse()
    .map((transfer) => {
      const [decision = null, ...laterDecisions] = (results.get(transfer.id) ?? []).sort(byWrite);
      return { transfer, status: decision?.status ?? 'in_transit', decision, laterDecisions };
    });
}

/**
 * Whether a decision may be written. Codes: transfer.notFound; transfer.decided {status}: it was
 * already confirmed or rejected (on this device or synced); field.required {field: 'reason'}: a
 * rejection says why.
 */
export function checkDecision(views: readonly TransferView[], transferId: string, outcome: TransferOutcome, reason: string | null): Result<TransferView> {
  const view = views.find((v) => v.transfer.id === transferId);
  if (!view) return err('transfer.notFound');
  if (view.decision) return err('transfer.decided', { status: view.decision.status });
  if (outcome === 'rejected' && (reason ?? '').trim() === '') return err('field.required', { field: 'reason' });
  return ok(view);
}

/**
 * What a confirmation does to the enrolment of the scheme in `month`: 'write' an active record
 * (new relation, or one that lapsed or was transferred out), 'already' active (nothing to write),
 * or the enrolment rule's error (closed relation, the residents' pension active in the same months…):
 * the confirmation is then refused, so the transfer never reads confirmed over an inactive relation.
 */
export function activationOnConfirm(enrolments: readonly EnrolmentRecord[], scheme: Scheme, month: Month): Result<'write' | 'already'> {
  const checked = checkStatusChange(enrolments, { scheme, status: 'active', effectiveMonth: month, reason: null }, month);
  if (checked.ok) return ok('write');
  if (checked.code === 'enrolment.sameStatus') return ok('already');
  return checked;
}

/**
 * The person's stored contribution history for the pension options (issue 4 §5): what the options
 * screen prefills instead of asking every time.
 */
export interface StoredHistory {
  /**
   * From the latest history record; without one, the largest deemed months of the confirmed pension
   * transfers (each office's papers repeat the same deemed period, so they are not added up).
   */
  readonly deemedMonths: number;
  readonly deemedFrom: 'history' | 'transfers' | 'none';
  readonly history: HistoryRecord | null;
  /** Months paid elsewhere and moved in (confirmed employee-pension transfers). */
  readonly transferredMonths: number;
  /** Personal-account money moved in (it moves in full), fen. */
  readonly transferredAccountFen: number;
  readonly transferredPooledFen: number;
  /** The confirmed employee-pension transfers counted. */
  readonly transfers: readonly TransferInRecord[];
}

export function storedHistory(records: readonly WindowRecord[]): StoredHistory {
  const transfers = transferViews(records)
    .filter((v) => v.status === 'confirmed' && v.transfer.scheme === 'employee_pension')
    .map((v) => v.transfer);
  const history = records.filter((r): r is HistoryRecord => r.kind === 'history').sort(byWrite).at(-1) ?? null;
  const transferredDeemed = transfers.reduce((s, t) => Math.max(s, t.deemedMonths), 0);
  return {
    deemedMonths: history ? history.deemedMonths : transferredDeemed,
    deemedFrom: history ? 'history' : transfers.length > 0 ? 'transfers' : 'none',
    history,
    transferredMonths: transfers.reduce((s, t) => s + t.monthsPaid, 0),
    transferredAccountFen: transfers.reduce((s, t) => s + t.personalAccountFen, 0),
    transferredPooledFen: transfers.reduce((s, t) => s + t.pooledFundFen, 0),
    transfers,
  };
}
