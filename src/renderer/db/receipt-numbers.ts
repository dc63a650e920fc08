import { formatReceiptNumber } from '../../shared/receipts/receipt-number';
import { takeReceiptSerial } from '../../shared/receipts/receipt-blocks';
import { DataError, type DeviceSession } from '../data/contract';
import type { LocalStore } from './database';
import { markSerialsUsed, readStock, receiptYear } from './receipt-stock';

const queues = new WeakMap<LocalStore, Promise<unknown>>();

/**
 * Runs writes that take receipt serials one at a time per local store.
 * Every repository that issues receipt numbers (payments, 补差) must go
 * through this one queue: two repositories with queues of their own could
 * both read the same free serial and issue it twice.
 */
export function serialWrite<T>(store: LocalStore, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(store) ?? Promise.resolve()).catch(() => undefined).then(task);
  queues.set(store, run);
  return run;
}

/**
 * `count` receipt numbers for records created at `createdAt`, lowest free
 * serials of the leased blocks first. All or nothing: when fewer are left
 * it throws 'receipt.exhausted' before anything is written, never inventing
 * a number. Call inside serialWrite, and insert the records before the task
 * ends (the used serials are read from the stored records).
 */
export async function takeReceiptNumbers(store: LocalStore, session: DeviceSession, createdAt: string, count: number): Promise<string[]> {
  const year = receiptYear(new Date(createdAt));
  const { blocks, used } = await readStock(store, session, year);
  const taken = new Set(used);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = takeReceiptSerial(blocks, taken, year);
    if (!next.ok) throw new DataError(next.code, next.params);
    taken.add(next.value.serial);
    out.push(formatReceiptNumber({ stationCode: session.stationCode, deviceNo: session.deviceNo, year, serial: next.value.serial }));
  }
  await markSerialsUsed(store, session, year, [...taken].filter((s) => !used.has(s)));
  return out;
}
