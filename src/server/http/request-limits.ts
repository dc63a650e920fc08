import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiHttpError } from './api-error';
import { RateLimiter, type BucketRule } from './rate-limiter';

/**
 * Request rate and size limits (issue 6 §6, ADR 020). All in memory, per
 * process. The numbers are far above what a station's sync needs (a device
 * pulls eight collections a round, 500 rows a page) and far below what a
 * flood or a guessing script sends.
 */
export interface LimitConfig {
  /** Every /api request from one IP. Generous: a city's stations may share one NAT address. */
  readonly perIp: BucketRule;
  /** Every /api request presenting one bearer token (or stream token), valid or not. */
  readonly perToken: BucketRule;
  /** 401 answers to one IP: a token-guessing script stops here (and spares the database). */
  readonly authFailuresPerIp: BucketRule;
  /** Wrong enrolment codes for one station: the 6-digit code cannot be brute-forced. */
  readonly enrolFailuresPerStation: BucketRule;
  /** Failed enrolments (wrong code, unknown station) from one IP. */
  readonly enrolFailuresPerIp: BucketRule;
  /** Body limit of routes that take push batches (URL ending in /push), bytes. */
  readonly pushBodyBytes: number;
  /** Body limit of every other route (small JSON: enrolment, receipt lease), bytes. */
  readonly smallBodyBytes: number;
  /**
   * Time to receive a whole request (headers and body), ms; then 408. Fastify's default is none, which lets
   * a slow-loris client hold sockets forever. Answers (the SSE stream) are not bounded by it.
   */
  readonly requestTimeoutMs: number;
}

const HOUR = 3600;

export const DEFAULT_LIMITS: LimitConfig = {
  perIp: { capacity: 3000, perSecond: 100 },
  perToken: { capacity: 1000, perSecond: 20 },
  authFailuresPerIp: { capacity: 300, perSecond: 1 },
  // 10 wrong codes, then one more every 6 minutes: 240 guesses a day, so about 2,000 days on average for 10^6 codes.
  enrolFailuresPerStation: { capacity: 10, perSecond: 10 / HOUR },
  enrolFailuresPerIp: { capacity: 30, perSecond: 30 / HOUR },
  // 500 persons of a few KB each fit easily; anything bigger is not a sync batch.
  pushBodyBytes: 5 * 1024 * 1024,
  smallBodyBytes: 64 * 1024,
  // A 5 MB push at 50 KB/s (a weak village uplink) takes 100 s.
  requestTimeoutMs: 120_000,
};

/** Rate limits that never trip (size limits kept): for benchmarks and the fuzz suite, which measure other things. */
export const NO_RATE_LIMITS: LimitConfig = {
  ...DEFAULT_LIMITS,
  perIp: { capacity: 1e12, perSecond: 1e12 },
  perToken: { capacity: 1e12, perSecond: 1e12 },
  authFailuresPerIp: { capacity: 1e12, perSecond: 1e12 },
  enrolFailuresPerStation: { capacity: 1e12, perSecond: 1e12 },
  enrolFailuresPerIp: { capacity: 1e12, perSecond: 1e12 },
};

export function rateLimited(code: string, retryAfterS: number, message: string): ApiHttpError {
  return new ApiHttpError(429, code, message, { retryAfterSeconds: retryAfterS }, { 'retry-after': String(retryAfterS) });
}

/** The credential a request presents: the bearer token, or the SSE stream's ?token= (EventSource cannot send headers). */
function presentedToken(request: FastifyRequest): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (m?.[1] !== undefined) return m[1];
  const q = request.query as Record<string, unknown> | undefined;
  const t = q?.token;
  return typeof t === 'string' && t !== '' ? t : null;
}

/** Buckets keyed by a hash: the limiter never holds a token itself. */
const tokenKey = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);

const ROUTES = new WeakMap<FastifyInstance, string[]>();

/**
 * Every route added to `app` after installRequestLimits, as 'METHOD /url'
 * (plugins' routes included). The authorization test enumerates endpoints
 * with it, so a new endpoint without an authorization case fails the suite.
 */
export function registeredRoutes(app: FastifyInstance): readonly string[] {
  return [...(ROUTES.get(app) ?? [])];
}

export interface RequestLimits {
  readonly config: LimitConfig;
  readonly enrolByStation: RateLimiter;
  readonly enrolByIp: RateLimiter;
}

/**
 * Installs the limits on `app`; call before any route is registered (the
 * body limit is set per route as it is added). Routes may still set their
 * own `bodyLimit`, which wins.
 */
export function installRequestLimits(app: FastifyInstance, config: LimitConfig = DEFAULT_LIMITS, now: () => number = Date.now): RequestLimits {
  const byIp = new RateLimiter(config.perIp, now);
  const byToken = new RateLimiter(config.perToken, now);
  const authFailures = new RateLimiter(config.authFailuresPerIp, now);

  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const m of [route.method].flat()) routes.push(`${m} ${route.url}`);
    if (route.bodyLimit !== undefined) return;
    route.bodyLimit = route.url.endsWith('/push') ? config.pushBodyBytes : config.smallBodyBytes;
  });

  const refusal = (request: FastifyRequest): ApiHttpError | null => {
    if (!request.url.startsWith('/api/') || request.method === 'OPTIONS') return null;
    const ip = byIp.take(request.ip);
    if (!ip.ok) return rateLimited('rate.limited', ip.retryAfterS, 'Too many requests from this address; retry later.');
    const token = presentedToken(request);
    if (token === null) return null;
    const failures = authFailures.peek(request.ip);
    if (!failures.ok) return rateLimited('rate.limited', failures.retryAfterS, 'Too many failed sign-ins from this address; retry later.');
    const t = byToken.take(tokenKey(token));
    return t.ok ? null : rateLimited('rate.limited', t.retryAfterS, 'Too many requests for this device; retry later.');
  };
  app.addHook('onRequest', (request, _reply, done) => {
    const e = refusal(request);
    if (e) done(e);
    else done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 401) authFailures.take(request.ip);
    done();
  });

  return {
    config,
    enrolByStation: new RateLimiter(config.enrolFailuresPerStation, now),
    enrolByIp: new RateLimiter(config.enrolFailuresPerIp, now),
  };
}
