/**
 * Errors as values at boundaries. `code` is stable and maps to an i18n key
 * (`errors.<code>` in the renderer's locale files), so the user always sees
 * the message in their own language; `params` fill the message's blanks.
 */
export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; code: string; params?: Record<string, string | number> };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: string, params?: Record<string, string | number>): Err =>
  params ? { ok: false, code, params } : { ok: false, code };
