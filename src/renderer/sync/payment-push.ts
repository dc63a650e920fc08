import type { WithDeleted } from 'rxdb';
import { nowIso } from '../../shared/ids';
import { paymentSchema, type Payment } from '../../shared/payment';
import type { PushRow } from '../../shared/sync-protocol';
import type { PaymentRejection } from '../data/contract';
import type { ShebaoDatabase } from '../db/database';
import { LOCAL_DOC, readLocal, writeLocal } from '../db/local-state';
import type { PaymentDoc } from '../db/schemas/payment-schema';
import { SyncHttpError } from './http-client';
import { contentOf, pushIsolating } from './push-isolating';

type Row = PushRow<WithDeleted<PaymentDoc>>;
type Post = (batch: Row[]) => Promise<Array<WithDeleted<PaymentDoc>>>;

/** Kept newest first; older entries fall off (the payments themselves stay in the collection). */
export const MAX_REJECTIONS = 200;

/**
 * Statuses that judge the documents, not the connection: the server will
 * refuse the same payment every time (amountMismatch, receipt.notLeased, …).
 * Anything else (network, 401, 5xx, 404 of an older server) is retried.
 */
const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 409, 422]);
const isRefusal = (e: unknown): e is SyncHttpError => e instanceof SyncHttpError && e.status !== null && REFUSAL_STATUSES.has(e.status);

function asPayment(doc: WithDeleted<PaymentDoc>): Payment {
  // Pushed documents were validated when written; a stored one that no longer parses is kept as it is.
  const parsed = paymentSchema.safeParse({ ...doc, _deleted: false });
  return parsed.success ? parsed.data : { ...doc, _deleted: false };
}

/** The first detail of a refusal ({row, field, message, params?}) as message params. */
function paramsOf(error: SyncHttpError): Record<string, string | number> | undefined {
  const first: unknown = Array.isArray(error.details) ? error.details[0] : undefined;
  if (first === null || typeof first !== 'object') return undefined;
  const { field, message, params: extra } = first as { field?: unknown; message?: unknown; params?: unknown };
  const params: Record<string, string | number> = {};
  if (extra !== null && typeof extra === 'object') {
    for (const [k, v] of Object.entries(extra)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  if (typeof field === 'string') params.field = field;
  if (typeof message === 'string') params.detail = message;
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * The push handler for payments (replication.ts `pushRows`).
 *
 * A refused batch (422 etc.) is pushed again one payment at a time, so one
 * bad payment never holds back the others. A payment refused on its own is
 * recorded in the `payment-rejections` local document with the server's
 * code and counts as sent: it stays in the collection, visible with status
 * 'refused' and the code's message, and is not pushed again (the server
 * would refuse it again; a correction is a new record).
 *
 * A conflict returned for a payment means the server holds a different
 * document under that id: our version is recorded before RxDB's conflict
 * handler replaces it with the server's (database.ts keepServerPayment).
 */
export function paymentPushRows(db: ShebaoDatabase): (rows: Row[], post: Post) => Promise<Array<WithDeleted<PaymentDoc>>> {
  return async (rows, post) => {
    const rejections: PaymentRejection[] = [];
    const conflicts = await pushIsolating(rows, post, isRefusal, (row, error) => {
      const params = paramsOf(error);
      rejections.push({
        paymentId: row.newDocumentState.id, reason: 'refused', code: error.code, local: asPayment(row.newDocumentState), at: nowIso(),
        ...(params ? { params } : {}),
      });
    });
    for (const c of conflicts) {
      const mine = rows.find((r) => r.newDocumentState.id === c.id);
      if (mine && contentOf(mine.newDocumentState) !== contentOf(c)) {
        rejections.push({ paymentId: c.id, reason: 'conflict', code: 'payment.conflict', local: asPayment(mine.newDocumentState), at: nowIso() });
      }
    }
    if (rejections.length > 0) await recordRejections(db, rejections);
    return conflicts;
  };
}

let writing: Promise<void> = Promise.resolve();

/** Adds entries (one per payment and reason), newest first, capped. Writes run one after another. */
export function recordRejections(db: ShebaoDatabase, entries: readonly PaymentRejection[]): Promise<void> {
  const next = writing.catch(() => undefined).then(async () => {
    const stored = (await readLocal(db, LOCAL_DOC.paymentRejections))?.rejections ?? [];
    const key = (r: PaymentRejection): string => `${r.paymentId}|${r.reason}`;
    const fresh = new Set(entries.map(key));
    const rejections = [...entries, ...stored.filter((r) => !fresh.has(key(r)))].slice(0, MAX_REJECTIONS);
    await writeLocal(db, LOCAL_DOC.paymentRejections, { rejections });
  });
  writing = next;
  return next;
}
