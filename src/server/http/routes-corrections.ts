import type { FastifyInstance } from 'fastify';
import { findDoubleCoverage, openCases, type CoverageCase } from '../../shared/corrections/double-coverage';
import type { SqlDb } from '../db/sql-db';
import { cityPaymentsOf } from '../sync/payment-corrections';
import { authenticate } from './auth';

/** GET /api/v1/double-coverage answer: the open cases of the device's city. */
export interface DoubleCoverageResponse {
  readonly cases: CoverageCase[];
}

/**
 * Double coverage as the centre sees it (issue 3 §7): every payment of the
 * device's city through the same shared function the devices use, open
 * cases only. Read-only; a refund is pushed like any payment.
 */
export function registerCorrectionRoutes(app: FastifyInstance, db: SqlDb, prefix: string): void {
  app.get(`${prefix}/double-coverage`, async (request): Promise<DoubleCoverageResponse> => {
    const device = await authenticate(db, request);
    const payments = await cityPaymentsOf(db, device.cityId, null);
    return { cases: openCases(findDoubleCoverage(payments)) };
  });
}
