import type { FastifyInstance } from 'fastify';
import type { SqlDb } from '../db/sql-db';
import { listPolicyKeys } from '../policy/centre-keys';
import { authenticate } from './auth';

/**
 * GET /policy-keys: the centre's public keys a device trusts for packs.
 * Enrolment hands them out too; this lets an enrolled device learn a key
 * added later (rotation) or one enrolled before packs existed.
 */
export function registerPolicyRoutes(app: FastifyInstance, db: SqlDb, prefix: string): void {
  app.get(`${prefix}/policy-keys`, async (request) => {
    await authenticate(db, request);
    return { policyKeys: await listPolicyKeys(db) };
  });
}
