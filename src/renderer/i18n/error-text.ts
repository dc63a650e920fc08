import type { TFunction } from 'i18next';
import { DataError } from '../data/contract';
import { translateCode } from './i18n';

/**
 * The message to show for anything thrown at the UI. Data-layer errors carry
 * a stable code (→ errors.<code>); anything else is a programming or
 * platform error, shown generically with its name so support can find it.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof DataError) return translateCode(t, error.code, error.params);
  if (isCoded(error)) return translateCode(t, error.code, error.params);
  if (error instanceof Error) return t('errors.unknown', { code: error.name });
  return t('errors.unknown', { code: String(error) });
}

/** DataError-shaped values that crossed a module or realm boundary (instanceof fails there). */
function isCoded(e: unknown): e is { code: string; params?: Record<string, string | number> } {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string';
}
