import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { apiErrorBody } from './api-error';
import { SECURITY_HEADERS } from './security-headers';

/**
 * Node's HTTP parser refuses a malformed request line or header before
 * Fastify sees a request, and answers on the raw socket. Fastify's default
 * body for that is its own shape; ours is the ApiError every other 4xx has
 * (ADR 010 gap, closed in ADR 020), with the security headers, then close.
 */
export function clientErrorStatus(err: { code?: unknown }): { status: number; code: string; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'request.timeout', message: 'The request was not received in time.' };
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'request.headersTooLarge', message: 'Request headers are too large.' };
  return { status: 400, code: 'request.invalid', message: 'Malformed HTTP request.' };
}

export function clientErrorResponse(err: { code?: unknown }): string {
  const { status, code, message } = clientErrorStatus(err);
  const body = JSON.stringify(apiErrorBody(code, message));
  const headers = [
    `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${String(Buffer.byteLength(body))}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

export function handleClientError(err: Error & { code?: unknown }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node and Fastify do: write the answer, then drop the connection (the parser state is unusable).
  if (socket.writable) socket.write(clientErrorResponse(err));
  socket.destroy();
}
