import { err, ok, type Result } from '../result';

/** A block of serials [from, to] (inclusive) the server leased to one device for one year. */
export interface ReceiptBlock {
  readonly year: number;
  readonly from: number;
  readonly to: number;
}

export interface ReceiptStock {
  /** The serial the next receipt gets, or null when none is left. */
  readonly next: number | null;
  readonly remaining: number;
  /** Size of the blocks that still have a free serial. */
  readonly liveCapacity: number;
  /** True at 20% or less of the live capacity left (and when none is left): time to sync for a refill. */
  readonly warn: boolean;
}

/** Warn when remaining ≤ 1/5 of the live capacity. */
const WARN_NUM = 1;
const WARN_DEN = 5;

/**
 * Pure state of a device's receipt serials for a year: the leased blocks
 * and the serials already used (issued or voided — a spoiled number is
 * kept, never reused). Serials are handed out lowest first, block by block.
 * Used serials outside every block are ignored (they cannot be next).
 */
export function receiptStock(blocks: readonly ReceiptBlock[], used: ReadonlySet<number>, year: number): ReceiptStock {
  const mine = blocks.filter((b) => b.year === year && b.to >= b.from).sort((a, b) => a.from - b.from);
  let next: number | null = null;
  let remaining = 0;
  let liveCapacity = 0;
  const counted = new Set<number>();
  for (const b of mine) {
    let free = 0;
    for (let s = b.from; s <= b.to; s++) {
      if (counted.has(s)) continue; // overlapping leases would be a server bug; never count a serial twice
      counted.add(s);
      if (used.has(s)) continue;
      free++;
      next ??= s;
    }
    if (free > 0) {
      remaining += free;
      liveCapacity += b.to - b.from + 1;
    }
  }
  const warn = remaining * WARN_DEN <= liveCapacity * WARN_NUM;
  return { next, remaining, liveCapacity, warn };
}

/**
 * The serial for a new receipt, or 'receipt.exhausted' when the device has
 * none left: the payment is refused rather than given an invented number.
 * The returned stock is the state after taking the serial.
 */
export function takeReceiptSerial(blocks: readonly ReceiptBlock[], used: ReadonlySet<number>, year: number): Result<{ serial: number; after: ReceiptStock }> {
  const stock = receiptStock(blocks, used, year);
  if (stock.next === null) return err('receipt.exhausted', { year });
  const after = receiptStock(blocks, new Set([...used, stock.next]), year);
  return ok({ serial: stock.next, after });
}
