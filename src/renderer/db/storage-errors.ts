import { DataError } from '../data/contract';

/**
 * True when anything in the error's chain is a quota failure. IndexedDB
 * reports it as a DOMException named QuotaExceededError; Dexie wraps it
 * (name 'QuotaExceededError', `inner`), and RxDB wraps that again
 * (`parameters.error`/`writeError`), so the chain is walked rather than the
 * top-level error trusted.
 */
export function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown, depth: number): boolean => {
    if (e === null || typeof e !== 'object' || seen.has(e) || depth > 8) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (o.name === 'QuotaExceededError' || (typeof o.message === 'string' && o.message.includes('QuotaExceeded'))) return true;
    const params = o.parameters as Record<string, unknown> | undefined;
    const next: unknown[] = [o.inner, o.cause, o.error, params?.error, params?.writeError, params?.errors];
    return next.some((n) => (Array.isArray(n) ? n.some((x) => walk(x, depth + 1)) : walk(n, depth + 1)));
  };
  return walk(error, 0);
}

/** RxDB reports a write onto an existing primary key as a 409 CONFLICT. */
export function isConflictError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const o = error as { code?: unknown; status?: unknown; parameters?: { writeError?: { status?: unknown } } };
  return o.code === 'CONFLICT' || o.status === 409 || o.parameters?.writeError?.status === 409;
}

function detail(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Maps a failure while opening the local database to a DataError. It never
 * deletes or recreates anything: a database that fails to open may still
 * hold the only copy of a day's registrations, so the UI shows the message
 * ('db.open' / 'db.quota') and support recovers the data.
 */
export function openFailure(error: unknown): DataError {
  if (error instanceof DataError) return error;
  if (isQuotaError(error)) return new DataError('db.quota');
  return new DataError('db.open', { detail: detail(error).slice(0, 300) });
}

/** Maps a failed local write; nothing was written when this is thrown (single-document writes are atomic). */
export function writeFailure(error: unknown): DataError {
  if (error instanceof DataError) return error;
  if (isQuotaError(error)) return new DataError('db.quota');
  return new DataError('db.write', { detail: detail(error).slice(0, 300) });
}

/** Runs a write and converts storage failures into DataErrors with i18n codes. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw writeFailure(error);
  }
}
