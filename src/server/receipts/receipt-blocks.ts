import type { LeasedBlock, ReceiptLeaseResponse } from '../../shared/sync-protocol';
import { MAX_DEVICE_NO, MAX_SERIAL, STATION_CODE_PATTERN } from '../../shared/receipts/receipt-number';
import type { Queryable } from '../db/sql-db';
import { ApiHttpError } from '../http/api-error';
import type { DeviceContext } from '../org/org-store';

/**
 * Serials per block. A busy window takes well under 100 payments a day, so
 * 200 lasts a device two days or more offline — the sync that refills it
 * comes long before — while a lost or stolen laptop strands at most a few
 * hundred numbers of a 999,999-serial year.
 */
export const BLOCK_SIZE = 200;

/** A new block is granted when the device has this many serials or fewer left (20% of a block, the warning level of the UI). */
export const REFILL_AT = BLOCK_SIZE / 5;

/** Blocks one device may be granted per day: bounds a runaway client that leases in a loop. */
export const MAX_BLOCKS_PER_DAY = 5;

/** Advisory-lock namespace: one lease per device at a time, so two concurrent requests cannot both add a block. */
const LEASE_LOCK = 720_120_011;

/** Current year in China (UTC+8, no DST), where receipts are issued. */
export const chinaYear = (now: Date = new Date()): number => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();

export async function blocksOf(q: Queryable, deviceId: string, year: number): Promise<LeasedBlock[]> {
  const rows = await q.query<{ serial_from: number; serial_to: number }>(
    'SELECT serial_from, serial_to FROM receipt_blocks WHERE device_id = $1 AND year = $2 ORDER BY serial_from',
    [deviceId, year],
  );
  return rows.map((r) => ({ year, from: r.serial_from, to: r.serial_to }));
}

export async function isSerialLeased(q: Queryable, deviceId: string, year: number, serial: number): Promise<boolean> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM receipt_blocks WHERE device_id = $1 AND year = $2 AND $3 BETWEEN serial_from AND serial_to',
    [deviceId, year, serial],
  );
  return (rows[0]?.n ?? 0) > 0;
}

export async function stationCodeOf(q: Queryable, stationId: string): Promise<string> {
  const rows = await q.query<{ code: string }>('SELECT code FROM stations WHERE id = $1', [stationId]);
  const code = rows[0]?.code;
  if (code === undefined) throw new Error(`station ${stationId} missing`);
  return code;
}

/**
 * POST /receipts/lease inside one transaction: adds a block of BLOCK_SIZE
 * after the device's highest serial of the year when the device reports
 * REFILL_AT or fewer left (at most MAX_BLOCKS_PER_DAY a day), then answers
 * with every block the device holds for the year. Serials are per station,
 * device and year — all three are in the receipt number — so a block only
 * has to avoid the device's own earlier blocks.
 */
export async function leaseReceipts(q: Queryable, device: DeviceContext, year: number, remaining: number): Promise<ReceiptLeaseResponse> {
  const stationCode = await stationCodeOf(q, device.stationId);
  if (!STATION_CODE_PATTERN.test(stationCode) || device.deviceNo > MAX_DEVICE_NO) {
    throw new ApiHttpError(409, 'receipt.unavailable', 'This station code or device number cannot appear in a receipt number.', { stationCode, deviceNo: device.deviceNo });
  }
  await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LEASE_LOCK, device.deviceId]);
  if (remaining <= REFILL_AT) {
    const today = await q.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM receipt_blocks WHERE device_id = $1 AND leased_at >= date_trunc('day', now())",
      [device.deviceId],
    );
    if ((today[0]?.n ?? 0) >= MAX_BLOCKS_PER_DAY) {
      throw new ApiHttpError(429, 'receipt.leaseLimit', `At most ${String(MAX_BLOCKS_PER_DAY)} receipt blocks per device per day.`, { max: MAX_BLOCKS_PER_DAY });
    }
    const top = await q.query<{ top: number | null }>('SELECT max(serial_to) AS top FROM receipt_blocks WHERE device_id = $1 AND year = $2', [device.deviceId, year]);
    const from = (top[0]?.top ?? 0) + 1;
    if (from + BLOCK_SIZE - 1 > MAX_SERIAL) throw new ApiHttpError(409, 'receipt.serialsExhausted', 'No receipt serials left for this device and year.', { year });
    await q.query('INSERT INTO receipt_blocks (device_id, year, serial_from, serial_to) VALUES ($1, $2, $3, $4)', [device.deviceId, year, from, from + BLOCK_SIZE - 1]);
  }
  return { stationCode, deviceNo: device.deviceNo, blocks: await blocksOf(q, device.deviceId, year) };
}
