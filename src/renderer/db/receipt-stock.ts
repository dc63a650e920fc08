import { parseReceiptNumber } from '../../shared/receipts/receipt-number';
import { receiptStock, type ReceiptStock } from '../../shared/receipts/receipt-blocks';
import type { LeasedBlock } from '../../shared/sync-protocol';
import type { DeviceSession } from '../data/contract';
import type { LocalStore } from './database';
import { LOCAL_DOC, readLocal, type ReceiptBlockState } from './local-state';
import type { PaymentDoc } from './schemas/payment-schema';

/** Kinds that consume a receipt serial (a voided number stays used: it is never handed out again). */
const SERIAL_KINDS: ReadonlySet<string> = new Set(['contribution', 'top_up', 'void_receipt']);

/** The receipt year is the device's calendar year (the station's local time). */
export const receiptYear = (now: Date = new Date()): number => now.getFullYear();

/**
 * Blocks usable by this session. Blocks leased to an earlier enrolment of the
 * same database (another station code or device number) are not ours to use.
 */
export function blocksOf(state: ReceiptBlockState | null, session: DeviceSession): LeasedBlock[] {
  if (!state || state.stationCode !== session.stationCode || state.deviceNo !== session.deviceNo) return [];
  return state.blocks;
}

/** Serials of `year` this device has used: receipt numbers of its contributions, top-ups and voids. */
export function usedSerials(docs: readonly PaymentDoc[], session: DeviceSession, year: number): Set<number> {
  const used = new Set<number>();
  for (const d of docs) {
    if (d.receiptNo === null || !SERIAL_KINDS.has(d.kind)) continue;
    const parsed = parseReceiptNumber(d.receiptNo);
    if (!parsed.ok) continue;
    const p = parsed.value;
    if (p.stationCode === session.stationCode && p.deviceNo === session.deviceNo && p.year === year) used.add(p.serial);
  }
  return used;
}

export async function devicePayments(store: LocalStore, session: DeviceSession): Promise<PaymentDoc[]> {
  const docs = await store.payments.find({ selector: { deviceId: session.deviceId } }).exec();
  return docs.map((d) => d.toMutableJSON());
}

export interface DeviceStock {
  readonly blocks: LeasedBlock[];
  readonly used: Set<number>;
  readonly stock: ReceiptStock;
}

/** Used-serial sets per store, keyed by station code, device number and year. */
const serialIndexes = new WeakMap<LocalStore, Map<string, Promise<Set<number>>>>();
const indexKey = (stationCode: string, deviceNo: number, year: number): string => `${stationCode}|${String(deviceNo)}|${String(year)}`;

/**
 * The serials of `year` this device has used, read from the store once and
 * then kept current from the collection's insert events (whoever inserts:
 * a payment, a 补差, a void, a pull). Reading every payment of the device
 * on each save made a save slower with every receipt of the year (the
 * payment benchmark's second 500 took twice as long as the first).
 * The set is live and shared: callers copy it before changing it.
 */
export function usedSerialSet(store: LocalStore, session: DeviceSession, year: number): Promise<Set<number>> {
  let byKey = serialIndexes.get(store);
  if (!byKey) {
    const index = new Map<string, Promise<Set<number>>>();
    byKey = index;
    serialIndexes.set(store, index);
    store.payments.insert$.subscribe((event) => {
      const doc = event.documentData;
      if (doc.receiptNo === null || !SERIAL_KINDS.has(doc.kind)) return;
      const parsed = parseReceiptNumber(doc.receiptNo);
      if (!parsed.ok) return;
      const p = parsed.value;
      void index.get(indexKey(p.stationCode, p.deviceNo, p.year))?.then((set) => set.add(p.serial));
    });
  }
  const key = indexKey(session.stationCode, session.deviceNo, year);
  let entry = byKey.get(key);
  if (!entry) {
    const index = byKey;
    entry = devicePayments(store, session).then((docs) => usedSerials(docs, session, year));
    index.set(key, entry);
    entry.catch(() => index.delete(key));
  }
  return entry;
}

/**
 * Marks serials as used the moment they are handed out, before the record
 * carrying them is stored: the next queued save must not see them free even
 * if the insert event has not arrived yet. A save that then fails leaves a
 * gap until the app restarts (nothing was printed with the number).
 */
export async function markSerialsUsed(store: LocalStore, session: DeviceSession, year: number, serials: readonly number[]): Promise<void> {
  const used = await usedSerialSet(store, session, year);
  for (const s of serials) used.add(s);
}

/** The device's receipt stock for `year`, read from the store. */
export async function readStock(store: LocalStore, session: DeviceSession, year: number): Promise<DeviceStock> {
  const blocks = blocksOf(await readLocal(store.db, LOCAL_DOC.receiptBlocks), session);
  const used = new Set(await usedSerialSet(store, session, year));
  return { blocks, used, stock: receiptStock(blocks, used, year) };
}
