import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { StreamEvent } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';
import { ApiHttpError, zodIssues } from './api-error';
import { checkProtocol, deviceForToken } from './auth';
import { SECURITY_HEADERS, isAllowedCorsOrigin } from './security-headers';

export const HEARTBEAT_MS = 15_000;

const streamQuery = z.object({ token: z.string().max(200).optional(), v: z.string().max(10).optional() }).strict();

const frame = (e: StreamEvent): string => `data: ${JSON.stringify(e)}\n\n`;

/**
 * GET /sync/stream: Server-Sent Events. EventSource cannot send headers,
 * so token and protocol version come in the query. On connect the client
 * gets RESYNC (pull everything since its checkpoint: it may have missed
 * events while disconnected), then `changes` after each commit that touched
 * its city, and a comment line every 15 s so proxies keep the line open.
 */
export function registerStreamRoute(app: FastifyInstance, db: SqlDb, notifier: ChangeNotifier, prefix: string): void {
  const open = new Set<ServerResponse>();

  // Fastify's close waits for open connections: end the streams first.
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });

  app.get(`${prefix}/sync/stream`, async (request, reply) => {
    const q = streamQuery.safeParse(request.query);
    if (!q.success) throw new ApiHttpError(400, 'request.invalid', 'Invalid stream query.', zodIssues(q.error));
    checkProtocol(q.data.v);
    const device = await deviceForToken(db, q.data.token);

    reply.hijack();
    const res = reply.raw;
    const origin = request.headers.origin;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...(isAllowedCorsOrigin(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx: do not buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 5000\n${frame({ type: 'RESYNC' })}`);
    open.add(res);
    const unsubscribe = notifier.subscribe(device.cityId, (e) => res.write(frame(e)));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    res.on('close', cleanup);
    res.on('error', cleanup);
  });
}
