import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '../payment';
import type { Scheme } from '../policy/schemes';
import { SCHEMES } from '../policy/schemes';
import { parseReceiptNumber } from '../receipts/receipt-number';
import type { CloseoutTotals } from '../records';

/**
 * The figures of one working day (日结单), from the records that fall on it
 * (closeout-days.ts). Every amount is a plain sum of stored paidFen, so the
 * totals reconcile to the fen with the receipts:
 *
 * - taken: window contributions and 补差 (top_up), by method and by scheme;
 * - returned: reversals (冲正) and refunds (退费) that paid money back at the
 *   window (method set). A correction with no method moved no money here
 *   (e.g. a declaration settled through the tax channel): it is listed by id
 *   and counted in no amount;
 * - declarations (申报, channel 'declared'): no money at the window, counted apart;
 * - receipt range: first and last receipt number used that day (payments and
 *   voided numbers), ordered by station, device, year, serial;
 * - voided receipt numbers and the ids of reversals and refunds.
 */
export function closeoutTotals(records: readonly Payment[]): CloseoutTotals {
  const byMethod = new Map<PaymentMethod, Row>();
  const byScheme = new Map<Scheme, Row>();
  let takenFen = 0;
  let returnedFen = 0;
  let declaredCount = 0;
  let declaredFen = 0;
  const receipts: string[] = [];
  const voidedReceipts: string[] = [];
  const reversalIds: string[] = [];
  const refundIds: string[] = [];

  const add = (p: Payment, method: PaymentMethod, side: 'takenFen' | 'returnedFen'): void => {
    const m = row(byMethod, method);
    const s = row(byScheme, p.scheme);
    m.count += 1;
    s.count += 1;
    m[side] += p.paidFen;
    s[side] += p.paidFen;
  };

  for (const p of records) {
    switch (p.kind) {
      case 'contribution':
      case 'top_up':
        if (p.channel === 'declared') {
          declaredCount += 1;
          declaredFen += p.paidFen;
        } else if (p.method !== null) {
          takenFen += p.paidFen;
          add(p, p.method, 'takenFen');
        }
        break;
      case 'reversal':
      case 'refund':
        (p.kind === 'reversal' ? reversalIds : refundIds).push(p.id);
        if (p.method !== null) {
          returnedFen += p.paidFen;
          add(p, p.method, 'returnedFen');
        }
        break;
      case 'void_receipt':
        if (p.receiptNo !== null) voidedReceipts.push(p.receiptNo);
        break;
      case 'confirmation':
        break;
    }
    if (p.receiptNo !== null && p.kind !== 'confirmation') receipts.push(p.receiptNo);
  }

  receipts.sort(compareReceipts);
  voidedReceipts.sort(compareReceipts);
  return {
    takenFen,
    returnedFen,
    byMethod: PAYMENT_METHODS.flatMap((method) => {
      const r = byMethod.get(method);
      return r ? [{ method, ...r }] : [];
    }),
    byScheme: SCHEMES.flatMap((scheme) => {
      const r = byScheme.get(scheme);
      return r ? [{ scheme, ...r }] : [];
    }),
    declaredCount,
    declaredFen,
    receiptFrom: receipts[0] ?? null,
    receiptTo: receipts[receipts.length - 1] ?? null,
    voidedReceipts,
    reversalIds,
    refundIds,
  };
}

interface Row {
  count: number;
  takenFen: number;
  returnedFen: number;
}

function row<K>(rows: Map<K, Row>, key: K): Row {
  let r = rows.get(key);
  if (!r) {
    r = { count: 0, takenFen: 0, returnedFen: 0 };
    rows.set(key, r);
  }
  return r;
}

/** Receipt numbers by station, device, year, serial; a number that does not parse sorts after, as text. */
export function compareReceipts(a: string, b: string): number {
  const pa = parseReceiptNumber(a);
  const pb = parseReceiptNumber(b);
  if (pa.ok && pb.ok) {
    const x = pa.value;
    const y = pb.value;
    if (x.stationCode !== y.stationCode) return x.stationCode < y.stationCode ? -1 : 1;
    return x.deviceNo - y.deviceNo || x.year - y.year || x.serial - y.serial;
  }
  if (pa.ok !== pb.ok) return pa.ok ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
