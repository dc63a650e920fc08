import { z } from 'zod';
import { nowIso } from '../../shared/ids';
import type { ReceiptLeaseRequest } from '../../shared/sync-protocol';
import type { DeviceSession } from '../data/contract';
import type { LocalStore } from '../db/database';
import { LOCAL_DOC, readLocal, writeLocal } from '../db/local-state';
import { readStock, receiptYear } from '../db/receipt-stock';
import type { ApiClient } from './http-client';

const leaseResponse = z.object({
  stationCode: z.string(),
  deviceNo: z.number().int(),
  blocks: z.array(z.object({ year: z.number().int(), from: z.number().int().min(1), to: z.number().int().min(1) })),
});

/**
 * POST /api/v1/receipts/lease with the serials still free this year; the
 * server adds a block when few are left and answers with every block the
 * device holds for the year. The answer replaces that year's blocks (other
 * years are kept: a late receipt of December still needs its block).
 * Refuses to store blocks for another station code or device number.
 */
export async function leaseReceipts(api: ApiClient, store: LocalStore, session: DeviceSession, now: Date = new Date()): Promise<void> {
  const year = receiptYear(now);
  const { stock } = await readStock(store, session, year);
  const body: ReceiptLeaseRequest = { year, remaining: stock.remaining };
  const parsed = leaseResponse.safeParse(await api.post<unknown>('/receipts/lease', body));
  if (!parsed.success) throw new Error('receipt lease: malformed answer');
  const answer = parsed.data;
  if (answer.stationCode !== session.stationCode || answer.deviceNo !== session.deviceNo) throw new Error('receipt lease: answer for another device');
  const stored = await readLocal(store.db, LOCAL_DOC.receiptBlocks);
  const sameDevice = stored?.stationCode === session.stationCode && stored.deviceNo === session.deviceNo;
  const otherYears = sameDevice ? stored.blocks.filter((b) => b.year !== year) : [];
  const blocks = [...otherYears, ...answer.blocks.filter((b) => b.year === year && b.to >= b.from)];
  await writeLocal(store.db, LOCAL_DOC.receiptBlocks, { stationCode: session.stationCode, deviceNo: session.deviceNo, blocks, leasedAt: nowIso() });
}
