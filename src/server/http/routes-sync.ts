import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { secretFromHex } from '../../shared/person-key';
import { MAX_BATCH, SYNC_COLLECTIONS, type PullResponse, type PushResponse, type SyncCollection } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import { getCity, stationIdsOfCity, type DeviceContext } from '../org/org-store';
import type { ChangeNotifier } from '../sync/change-notifier';
import { isCheckpointValue, pullDocs, type WrittenDoc } from '../sync/docs-store';
import { packRegionsOf } from '../policy/pack-store';
import { applyAuditRows } from '../sync/push-audit';
import { applyConflictRows, validateConflictPush } from '../sync/push-conflicts';
import { refuseFutureStamps } from '../sync/future-stamps';
import { checkPaymentCorrections } from '../sync/payment-corrections';
import { applyPaymentRows } from '../sync/push-payments';
import { applyPersonRows } from '../sync/push-persons';
import { applyRecordRows } from '../sync/push-records';
import { checkPaymentAmounts, validatePaymentPush } from '../sync/validate-payments';
import { stationCodeOf } from '../receipts/receipt-blocks';
import { validateAuditPush, validatePersonPush } from '../sync/validate-push';
import { checkRecordPersons, validateRecordPush } from '../sync/validate-records';
import { ApiHttpError, zodIssues } from './api-error';
import { authenticate } from './auth';

const DEFAULT_PULL_LIMIT = 100;

const checkpointPart = z.string().refine(isCheckpointValue, 'checkpoint.format');
const pullQuery = z
  .object({
    xid: checkpointPart.optional(),
    // seq is a PostgreSQL bigint (signed): above 2^63-1 the query failed with 500.
    seq: checkpointPart.refine((v) => isCheckpointValue(v) && BigInt(v) <= 9_223_372_036_854_775_807n, 'checkpoint.range').optional(),
    limit: z.string().regex(/^\d{1,4}$/, 'limit.format').transform(Number).refine((n) => n >= 1 && n <= MAX_BATCH, `limit.range`).optional(),
  })
  .strict()
  .refine((v) => (v.xid === undefined) === (v.seq === undefined), { message: 'checkpoint.incomplete', path: ['xid'] });

/**
 * Written by the server only: devices pull them, a push is refused (403).
 * Conflicts are server-written too, but a device may push one back to
 * resolve it (open → resolved only, sync/push-conflicts.ts, ADR 019).
 */
const READ_ONLY: ReadonlySet<SyncCollection> = new Set(['packs']);
type Writable = Exclude<SyncCollection, 'packs'>;
const isWritable = (c: SyncCollection): c is Writable => !READ_ONLY.has(c);

/** Pack scope of a device: packs of its city's region code and of its province (docs/protocol.md). */
async function regionScope(db: SqlDb, device: DeviceContext): Promise<string[]> {
  const city = await getCity(db, device.cityId);
  if (!city) throw new Error(`city ${device.cityId} missing`);
  return packRegionsOf(city.regionCode);
}

function collectionOf(param: unknown): SyncCollection {
  const c = SYNC_COLLECTIONS.find((x) => x === param);
  if (c === undefined) throw new ApiHttpError(404, 'collection.unknown', `Unknown collection; expected one of ${SYNC_COLLECTIONS.join(', ')}.`);
  return c;
}

export function registerSyncRoutes(app: FastifyInstance, db: SqlDb, notifier: ChangeNotifier, prefix: string): void {
  app.get<{ Params: { collection: string } }>(`${prefix}/sync/:collection/pull`, async (request) => {
    const device = await authenticate(db, request);
    const collection = collectionOf(request.params.collection);
    const q = pullQuery.safeParse(request.query);
    if (!q.success) throw new ApiHttpError(400, 'request.invalid', 'Invalid pull query.', zodIssues(q.error));
    const after = q.data.xid !== undefined && q.data.seq !== undefined ? { xid: q.data.xid, seq: q.data.seq } : null;
    const limit = q.data.limit ?? DEFAULT_PULL_LIMIT;
    const regionCodes = collection === 'packs' ? await regionScope(db, device) : undefined;
    const page: PullResponse<unknown> = await pullDocs(db, {
      collection,
      cityId: device.cityId,
      ...(regionCodes === undefined ? {} : { regionCodes }),
      after,
      limit,
    });
    return page;
  });

  app.post<{ Params: { collection: string } }>(`${prefix}/sync/:collection/push`, async (request) => {
    const device = await authenticate(db, request);
    const collection = collectionOf(request.params.collection);
    if (!isWritable(collection)) throw new ApiHttpError(403, 'collection.readOnly', `${collection} are written by the server only.`);
    const { response, written } = await push(db, device, collection, request.body, request.log);
    // Only after COMMIT: a stream client that pulls on this event must find the rows.
    notifier.publish(device.cityId, written);
    return response;
  });
}

async function push(
  db: SqlDb,
  device: DeviceContext,
  collection: Writable,
  body: unknown,
  log: FastifyInstance['log'],
): Promise<{ response: PushResponse<unknown>; written: WrittenDoc[] }> {
  // Before any collection's own checks: a far-future stamp is refused whatever else is wrong (ADR 019).
  refuseFutureStamps(body, Date.now());
  const stations = await stationIdsOfCity(db, device.cityId);
  if (collection === 'persons') {
    const city = await getCity(db, device.cityId);
    if (!city) throw new Error(`city ${device.cityId} missing`);
    const rows = validatePersonPush(body, secretFromHex(city.personKeySecret), stations);
    const out = await db.tx((q) => applyPersonRows(q, device, rows));
    return { response: { conflicts: out.conflicts }, written: out.written };
  }
  if (collection === 'payments') {
    const payments = validatePaymentPush(body, { device, stationCode: await stationCodeOf(db, device.stationId) });
    await checkPaymentAmounts(db, payments);
    const out = await db.tx(async (q) => {
      await checkPaymentCorrections(q, device, payments);
      return applyPaymentRows(q, device, payments, log);
    });
    return { response: { conflicts: out.conflicts }, written: out.written };
  }
  if (collection === 'records') {
    const records = validateRecordPush(body, device);
    const out = await db.tx(async (q) => {
      await checkRecordPersons(q, device.cityId, records);
      return applyRecordRows(q, device, records, log);
    });
    return { response: { conflicts: out.conflicts }, written: out.written };
  }
  if (collection === 'conflicts') {
    const out = await db.tx(async (q) => applyConflictRows(q, device, await validateConflictPush(q, body, device), log));
    return { response: { conflicts: out.conflicts }, written: out.written };
  }
  const events = validateAuditPush(body, stations, device);
  const out = await db.tx((q) => applyAuditRows(q, device, events, log));
  return { response: { conflicts: out.conflicts }, written: out.written };
}
