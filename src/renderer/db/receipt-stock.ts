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

/** The device's receipt stock for `year`, read from the store. */
export async function readStock(store: LocalStore, session: DeviceSession, year: number): Promise<DeviceStock> {
  const blocks = blocksOf(await readLocal(store.db, LOCAL_DOC.receiptBlocks), session);
  const used = usedSerials(await devicePayments(store, session), session, year);
  return { blocks, used, stock: receiptStock(blocks, used, year) };
}
