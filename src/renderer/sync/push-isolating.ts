import { canonical } from '../../shared/merge';
import type { PushRow } from '../../shared/sync-protocol';
import type { SyncHttpError } from './http-client';

/**
 * Pushes a batch of immutable documents (payments, window records); when the
 * centre refuses the batch, pushes it again one document at a time, so one
 * bad document never holds back the others. A document refused on its own
 * is handed to `refused` and counts as sent (the centre would refuse it
 * again; a correction is a new document). Errors that are not refusals
 * (network, 401, 5xx) are thrown so that RxDB retries; when one happens
 * while isolating, the rest are still pushed first (stored ones are no-ops
 * on the retry). Returns the centre's conflicts.
 */
export async function pushIsolating<D>(
  rows: Array<PushRow<D>>,
  post: (batch: Array<PushRow<D>>) => Promise<D[]>,
  isRefusal: (e: unknown) => e is SyncHttpError,
  refused: (row: PushRow<D>, error: SyncHttpError) => void,
): Promise<D[]> {
  try {
    return await post(rows);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const [only] = rows;
    if (rows.length === 1 && only) {
      refused(only, error);
      return [];
    }
    const conflicts: D[] = [];
    let retry: Error | null = null;
    for (const row of rows) {
      try {
        conflicts.push(...(await pushIsolating([row], post, isRefusal, refused)));
      } catch (e) {
        retry ??= e instanceof Error ? e : new Error(String(e));
      }
    }
    if (retry !== null) throw retry;
    return conflicts;
  }
}

/** A pushed document's content without RxDB meta fields, for comparing ours with the centre's copy. */
export function contentOf(doc: object): string {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return canonical(rest);
}
