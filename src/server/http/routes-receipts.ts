import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_SERIAL } from '../../shared/receipts/receipt-number';
import type { ReceiptLeaseResponse } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import { chinaYear, leaseReceipts } from '../receipts/receipt-blocks';
import { ApiHttpError, zodIssues } from './api-error';
import { authenticate } from './auth';

const leaseBody = z
  .object({
    year: z.number().int(),
    remaining: z.number().int().min(0).max(MAX_SERIAL),
  })
  .strict();

/** Receipt serial blocks (docs/protocol.md §Receipts, ADR 011). */
export function registerReceiptRoutes(app: FastifyInstance, db: SqlDb, prefix: string): void {
  app.post(`${prefix}/receipts/lease`, async (request): Promise<ReceiptLeaseResponse> => {
    const device = await authenticate(db, request);
    const b = leaseBody.safeParse(request.body);
    if (!b.success) throw new ApiHttpError(400, 'request.invalid', 'Invalid lease request.', zodIssues(b.error));
    // The current year, or one either side: a device clock a little off at New Year must still get numbers.
    const current = chinaYear();
    if (Math.abs(b.data.year - current) > 1) {
      throw new ApiHttpError(400, 'receipt.year', `Receipt blocks are leased for ${String(current - 1)}–${String(current + 1)} only.`, { year: b.data.year, serverYear: current });
    }
    return db.tx((q) => leaseReceipts(q, device, b.data.year, b.data.remaining));
  });
}
