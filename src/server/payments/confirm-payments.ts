import { createHash } from 'node:crypto';
import { paymentSchema, type Payment } from '../../shared/payment';
import { err, ok, type Result } from '../../shared/result';
import type { SqlDb } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';
import { insertDocIfAbsent, type WrittenDoc } from '../sync/docs-store';

/** Staff and device id of records written by the centre, not by a station device. */
export const CENTRE_ID = 'centre';

export interface ConfirmationRow {
  /** 1-based line of the file, for messages. */
  readonly line: number;
  readonly paymentId: string;
  /** ISO-8601 UTC. */
  readonly confirmedAt: string;
}

export interface LineError {
  readonly line: number;
  readonly code: string;
  readonly detail: string;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:\d{2})?$/;

/** A centre timestamp → ISO UTC. Without a zone it is China time (UTC+8), as the centre's exports are. */
export function parseConfirmedAt(raw: string): string | null {
  const m = DATETIME.exec(raw);
  if (!m) return null;
  const [, date = '', time = '', zone] = m;
  const ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${zone ?? '+08:00'}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1').trim();

/**
 * Reads a centre confirmation file: CSV, one `payment id, confirmed at` per
 * line; blank lines and a header line (first cell not an id but containing
 * "payment" or "id") are skipped. Any bad line refuses the whole file.
 */
export function parseConfirmationCsv(text: string): Result<ConfirmationRow[]> & { errors?: LineError[] } {
  const rows: ConfirmationRow[] = [];
  const errors: LineError[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map(unquote);
    const [id = '', at = ''] = cells;
    if (line === 1 && !ULID.test(id.toUpperCase()) && /payment|id/i.test(id)) return;
    if (cells.length !== 2) return void errors.push({ line, code: 'confirm.columns', detail: `expected 2 columns, got ${String(cells.length)}` });
    if (!ULID.test(id.toUpperCase())) return void errors.push({ line, code: 'confirm.paymentId', detail: `not a payment id: ${id}` });
    const confirmedAt = parseConfirmedAt(at);
    if (confirmedAt === null) return void errors.push({ line, code: 'confirm.confirmedAt', detail: `not a date-time: ${at}` });
    rows.push({ line, paymentId: id.toUpperCase(), confirmedAt });
  });
  if (errors.length > 0) return { ...err('confirm.file', { errors: errors.length }), errors };
  return ok(rows);
}

/**
 * The confirmation's id depends only on the payment it confirms: a
 * re-imported file (or the same payment twice in one) makes the same id,
 * so it is stored once. Still a ULID: the original's time part plus 16
 * characters of a hash.
 */
export function confirmationIdFor(paymentId: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const h = createHash('sha256').update(`shebao/confirmation/${paymentId}`).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet.charAt((h[i] ?? 0) % 32);
  return paymentId.slice(0, 10) + tail;
}

export function confirmationOf(original: Payment, confirmedAt: string): Payment {
  return paymentSchema.parse({
    id: confirmationIdFor(original.id),
    kind: 'confirmation',
    personId: original.personId,
    scheme: original.scheme,
    regionCode: original.regionCode,
    fromMonth: null,
    toMonth: null,
    lines: [],
    totalFen: 0,
    paidFen: 0,
    method: null,
    channel: 'declared',
    receiptNo: null,
    refId: original.id,
    reason: null,
    approvedBy: null,
    stationId: original.stationId,
    deviceId: CENTRE_ID,
    staffId: CENTRE_ID,
    createdAt: confirmedAt,
    _deleted: false,
  });
}

/** Thrown inside the transaction so that nothing of a refused file is stored. */
class ConfirmRefused extends Error {
  constructor(readonly errors: LineError[]) {
    super('confirmation file refused');
  }
}

export interface ConfirmSummary {
  /** Payment ids confirmed by this call. */
  readonly confirmed: readonly string[];
  /** Payment ids that already had a confirmation (nothing written). */
  readonly present: readonly string[];
}

/**
 * Writes a 'confirmation' payment for each declared payment of the file,
 * in one transaction, idempotently (ADR 011, docs/operations.md). Every
 * payment must exist and be a declared contribution or 补差, else nothing
 * is stored ('confirm.unknownPayment', 'confirm.notDeclared'). With a
 * notifier (in-process callers) the streams of each city hear of it after
 * commit; the CLI's writes are found by the running server's watcher.
 */
export async function confirmPayments(
  db: SqlDb,
  rows: readonly ConfirmationRow[],
  notifier?: ChangeNotifier,
): Promise<Result<ConfirmSummary> & { errors?: LineError[] }> {
  const out = await db.tx(async (q) => {
    const errors: LineError[] = [];
    const confirmed: string[] = [];
    const present: string[] = [];
    const written: { cityId: string; doc: WrittenDoc }[] = [];
    for (const r of rows) {
      const found = await q.query<{ city_id: string; data: Payment }>("SELECT city_id, data FROM docs WHERE collection = 'payments' AND id = $1", [r.paymentId]);
      const original = found[0];
      if (!original) {
        errors.push({ line: r.line, code: 'confirm.unknownPayment', detail: `no payment ${r.paymentId}` });
        continue;
      }
      const p = original.data;
      if (p.channel !== 'declared' || (p.kind !== 'contribution' && p.kind !== 'top_up')) {
        errors.push({ line: r.line, code: 'confirm.notDeclared', detail: `${r.paymentId} is a ${p.channel} ${p.kind}, not a declaration` });
        continue;
      }
      const already = await q.query<{ id: string }>(
        "SELECT id FROM docs WHERE collection = 'payments' AND data->>'deviceId' = $2 AND data->>'kind' = 'confirmation' AND data->>'refId' = $1 LIMIT 1",
        [p.id, CENTRE_ID],
      );
      const c = confirmationOf(p, r.confirmedAt);
      const w = already.length > 0 ? null : await insertDocIfAbsent(q, { collection: 'payments', id: c.id, cityId: original.city_id, stationId: c.stationId, data: c });
      if (w) {
        written.push({ cityId: original.city_id, doc: w });
        confirmed.push(p.id);
      } else present.push(p.id);
    }
    if (errors.length > 0) throw new ConfirmRefused(errors);
    return { confirmed, present, written };
  }).catch((e: unknown) => {
    if (e instanceof ConfirmRefused) return e;
    throw e;
  });
  if (out instanceof ConfirmRefused) return { ...err('confirm.refused', { errors: out.errors.length }), errors: out.errors };
  if (notifier) for (const w of out.written) notifier.publish(w.cityId, [w.doc]);
  return ok({ confirmed: out.confirmed, present: out.present });
}
