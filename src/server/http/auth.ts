import type { FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import { deviceByTokenHash, type DeviceContext } from '../org/org-store';
import { hashToken } from '../org/secrets';
import { ApiHttpError } from './api-error';

/** Refuses any protocol version but ours, so an outdated client is told to update (426) before it can write. */
export function checkProtocol(value: unknown): void {
  if (value !== String(PROTOCOL_VERSION)) {
    throw new ApiHttpError(426, 'protocol.version', `This server speaks sync protocol ${PROTOCOL_VERSION}; update the client.`, {
      expected: PROTOCOL_VERSION,
      received: typeof value === 'string' ? value : null,
    });
  }
}

/** Token → live device (not revoked), or 401. */
export async function deviceForToken(db: SqlDb, token: string | undefined): Promise<DeviceContext> {
  if (token === undefined || token === '') throw new ApiHttpError(401, 'auth.missing', 'Device token missing.');
  if (token.length > 200) throw new ApiHttpError(401, 'auth.invalid', 'Device token is not valid.');
  const device = await deviceByTokenHash(db, hashToken(token));
  if (!device) throw new ApiHttpError(401, 'auth.invalid', 'Device token is not valid or was revoked.');
  return device;
}

/** Protocol header, then `Authorization: Bearer <token>`. */
export async function authenticate(db: SqlDb, request: FastifyRequest): Promise<DeviceContext> {
  checkProtocol(request.headers[PROTOCOL_HEADER]);
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new ApiHttpError(401, 'auth.missing', 'Authorization header missing.');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new ApiHttpError(401, 'auth.invalid', 'Authorization must be "Bearer <token>".');
  return deviceForToken(db, m[1]);
}
