import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_PACK_DIR } from './fixture';

/** A shipped Tianjin pack as a new revision (the usual mid-year correction). */
export function tianjinRevision(version = '2025.2'): Record<string, unknown> {
  const pack = JSON.parse(readFileSync(join(SHIPPED_PACK_DIR, 'tianjin-2025.1.json'), 'utf8')) as Record<string, unknown>;
  return { ...pack, version, effectiveFrom: '2025-07', publishedAt: '2025-06-20' };
}
