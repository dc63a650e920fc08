import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX } from '../../shared/sync-protocol';
import type { SqlDb } from '../db/sql-db';
import { ChangeNotifier } from '../sync/change-notifier';
import { handleError } from './api-error';
import { ConfirmationWatcher } from '../payments/confirmation-watcher';
import { PACK_WATCH_MS, PackWatcher } from '../policy/pack-watcher';
import { registerCorrectionRoutes } from './routes-corrections';
import { registerPolicyRoutes } from './routes-policy';
import { registerPublicRoutes } from './routes-public';
import { registerReceiptRoutes } from './routes-receipts';
import { registerStreamRoute } from './routes-stream';
import { registerSyncRoutes } from './routes-sync';
import { SECURITY_HEADERS, isAllowedCorsOrigin } from './security-headers';
import { registerStaticSite } from './static-site';
import { handleClientError } from './client-error';
import { DEFAULT_LIMITS, installRequestLimits, type LimitConfig } from './request-limits';

/** The largest body any route takes (a push batch); per-route limits in request-limits.ts. */
export const BODY_LIMIT = DEFAULT_LIMITS.pushBodyBytes;

export interface AppOptions {
  readonly db: SqlDb;
  readonly logger?: FastifyServerOptions['logger'];
  /** Built renderer (dist/renderer). Absent: API only. */
  readonly staticDir?: string;
  /** Shared with the caller to observe commits (tests). Created when absent. */
  readonly notifier?: ChangeNotifier;
  /** How often to look for packs published by another process (ms; 0 = never). Default PACK_WATCH_MS. */
  readonly packWatchMs?: number;
  /** Rate and size limits (ADR 020). Default DEFAULT_LIMITS. */
  readonly limits?: LimitConfig;
  /** Clock of the rate limiters (ms); tests move it instead of waiting. Default Date.now. */
  readonly limitClock?: () => number;
  /** Behind a reverse proxy: trust its X-Forwarded-For so per-IP limits see the client (docs/operations.md). */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
}

/** Builds the HTTP app on an open, migrated database. Does not listen; the caller does (cli.ts, tests). */
export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  // frameworkErrors: a malformed URL (FST_ERR_BAD_URL) gets an ApiError body like every other 4xx.
  // clientErrorHandler: Node HTTP-parser refusals get an ApiError body too (ADR 020).
  const limitConfig = opts.limits ?? DEFAULT_LIMITS;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: limitConfig.smallBodyBytes,
    requestTimeout: limitConfig.requestTimeoutMs,
    frameworkErrors: (e, req, reply) => void handleError(e, req, reply),
    clientErrorHandler: handleClientError,
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
  });
  const notifier = opts.notifier ?? new ChangeNotifier();

  app.setErrorHandler(handleError);
  // Before any route: body limits are set per route as routes are added.
  const limits = installRequestLimits(app, limitConfig, opts.limitClock);
  // The API speaks JSON only: a text/plain body is refused (415) instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!request.url.startsWith('/api/') || !isAllowedCorsOrigin(origin)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      await reply
        .status(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type, x-shebao-protocol')
        .header('access-control-max-age', '600')
        .send();
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
    if (!reply.hasHeader('cache-control') && _request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });

  registerPublicRoutes(app, opts.db, API_PREFIX, limits);
  registerSyncRoutes(app, opts.db, notifier, API_PREFIX);
  registerStreamRoute(app, opts.db, notifier, API_PREFIX);
  registerPolicyRoutes(app, opts.db, API_PREFIX);
  registerReceiptRoutes(app, opts.db, API_PREFIX);
  registerCorrectionRoutes(app, opts.db, API_PREFIX);
  const watcher = new PackWatcher(opts.db, notifier);
  await watcher.prime();
  watcher.start(opts.packWatchMs ?? PACK_WATCH_MS);
  // Confirmations imported by the confirm-payments CLI, polled like packs (same interval).
  const confirmations = new ConfirmationWatcher(opts.db, notifier);
  await confirmations.prime();
  confirmations.start(opts.packWatchMs ?? PACK_WATCH_MS);
  app.addHook('onClose', (_instance, done) => {
    watcher.stop();
    confirmations.stop();
    done();
  });
  await registerStaticSite(app, opts.staticDir);
  return app;
}
