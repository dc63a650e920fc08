import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newId, nowIso } from '../../shared/ids';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import { listPolicyKeys } from '../policy/centre-keys';
import { getCity, getStationByCodeForUpdate, insertDevice, listStaff } from '../org/org-store';
import { hashToken, newDeviceToken, verifyEnrolmentCode } from '../org/secrets';
import { ApiHttpError, zodIssues } from './api-error';
import { rateLimited, type RequestLimits } from './request-limits';

const enrolBody = z
  .object({
    stationCode: z.string().trim().min(1).max(20),
    enrolmentCode: z.string().trim().min(1).max(64),
    deviceName: z.string().trim().min(1).max(100),
  })
  .strict();

/** Answers that count as a failed enrolment attempt (a guess). */
const FAILED = new Set(['enrol.badCode', 'enrol.unknownStation']);

/** Unauthenticated endpoints: health, time, device enrolment. */
export function registerPublicRoutes(app: FastifyInstance, db: SqlDb, prefix: string, limits: RequestLimits): void {
  app.get(`${prefix}/health`, () => ({ ok: true, protocol: PROTOCOL_VERSION, serverTime: nowIso() }));
  app.get(`${prefix}/time`, () => ({ serverTime: nowIso() }));

  app.post(`${prefix}/devices/enrol`, async (request, reply) => {
    const body = enrolBody.safeParse(request.body);
    if (!body.success) throw new ApiHttpError(400, 'request.invalid', 'Invalid enrolment request.', zodIssues(body.error));
    const { stationCode, enrolmentCode, deviceName } = body.data;
    // A guess is charged BEFORE the code is checked, and refunded when it was right: concurrent guesses cannot
    // all pass a check-then-count, and a locked station refuses even the right code until the lock eases.
    const stationKey = stationCode.toUpperCase();
    const byIp = limits.enrolByIp.take(request.ip);
    if (!byIp.ok) throw rateLimited('rate.limited', byIp.retryAfterS, 'Too many failed enrolments from this address; retry later.');
    const byStation = limits.enrolByStation.take(stationKey);
    if (!byStation.ok) {
      limits.enrolByIp.refund(request.ip);
      request.log.warn({ stationCode: stationKey }, 'enrolment refused: station locked after failed codes');
      throw rateLimited('enrol.locked', byStation.retryAfterS, 'Too many wrong enrolment codes for this station; enrolment is locked for a while.');
    }
    const token = newDeviceToken();
    const result: EnrolResponse = await db.tx(async (q) => {
      const station = await getStationByCodeForUpdate(q, stationCode.toUpperCase());
      if (!station) throw new ApiHttpError(404, 'enrol.unknownStation', `No station with code ${stationCode}.`);
      if (!verifyEnrolmentCode(enrolmentCode, station.enrolmentCodeHash)) {
        request.log.warn({ stationCode }, 'enrolment with a wrong code');
        throw new ApiHttpError(403, 'enrol.badCode', 'Enrolment code is not correct.');
      }
      const city = await getCity(q, station.cityId);
      if (!city) throw new Error(`city of station ${station.code} missing`);
      const deviceId = newId();
      const deviceNo = await insertDevice(q, { id: deviceId, stationId: station.id, name: deviceName, tokenHash: hashToken(token) });
      const staff = await listStaff(q, station.id);
      const policyKeys = await listPolicyKeys(q);
      return {
        deviceId,
        deviceNo,
        token,
        station: { id: station.id, code: station.code, name: station.name },
        city: { id: city.id, name: city.name, regionCode: city.regionCode },
        personKeySecret: city.personKeySecret,
        staff: staff.map((s) => ({ id: s.id, name: s.name, reviewer: s.reviewer })),
        serverTime: nowIso(),
        policyKeys,
      };
    }).catch((e: unknown) => {
      // Only a wrong code or an unknown station is a guess; anything else gives the tokens back.
      if (!(e instanceof ApiHttpError && FAILED.has(e.code))) {
        limits.enrolByIp.refund(request.ip);
        limits.enrolByStation.refund(stationKey);
      } else if (e.code === 'enrol.unknownStation') {
        // An unknown code names no station to lock: it counts against the address only.
        limits.enrolByStation.refund(stationKey);
      }
      throw e;
    });
    limits.enrolByIp.refund(request.ip);
    limits.enrolByStation.refund(stationKey);
    return reply.status(201).header('cache-control', 'no-store').send(result);
  });
}
