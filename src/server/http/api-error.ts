import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../../shared/sync-protocol';

/**
 * An error meant for the client: HTTP status + stable code (an i18n key on
 * the client, docs/protocol.md §Errors) + an English message for logs and
 * developers + optional details (row index and field of a bad push row).
 */
export class ApiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers that belong to the answer (Retry-After of a 429). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }
}

export interface FieldIssue {
  readonly row?: number;
  readonly field: string;
  readonly message: string;
}

/** zod issues → details naming the field (dotted path) and the rule's code, optionally prefixed and tagged with the batch row. */
export function zodIssues(error: z.ZodError, prefix = '', row?: number): FieldIssue[] {
  return error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter((s) => s !== '').join('.');
    return row === undefined ? { field, message: i.message } : { row, field, message: i.message };
  });
}

export function apiErrorBody(code: string, message: string, details?: unknown): ApiError {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Fastify's own client errors (bad JSON, wrong content type, body too large) → our codes. */
function fromFastify(e: FastifyError): ApiHttpError | null {
  const status = e.statusCode ?? 0;
  if (status < 400 || status > 499) return null;
  if (status === 413) return new ApiHttpError(413, 'request.tooLarge', 'Request body is too large.');
  if (status === 415) return new ApiHttpError(415, 'request.invalid', 'Content-Type must be application/json.');
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new ApiHttpError(400, 'request.invalid', 'Request body is empty.');
  if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiHttpError(400, 'request.invalid', `Malformed JSON body: ${e.message}`);
  }
  return new ApiHttpError(status, 'request.invalid', e.message);
}

/** The app's error handler: every error leaves as an ApiError body; unknown errors are logged and become 500 without internals. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = error instanceof ApiHttpError ? error : fromFastify(error as FastifyError);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, known.message);
    for (const [k, v] of Object.entries(known.headers ?? {})) void reply.header(k, v);
    return reply.status(known.status).send(apiErrorBody(known.code, known.message, known.details));
  }
  // PostgreSQL cannot store NUL or unpaired surrogates in text/jsonb (22P05, 22021, 22P02): bad client input, and its transaction rolled back.
  if (['22P05', '22021', '22P02'].includes(String((error as { code?: unknown }).code))) return reply.status(400).send(apiErrorBody('request.invalid', 'Text contains characters that cannot be stored.'));
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(apiErrorBody('server.error', 'Internal server error.'));
}
