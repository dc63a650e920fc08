import { resolve } from 'node:path';
import { openPglite } from './pglite-db';
import { openPostgres } from './pg-db';
import type { SqlDb } from './sql-db';

export interface OpenDbOptions {
  /** postgres://… → PostgreSQL; otherwise PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
}

export const DEFAULT_PGLITE_DIR = '.data/pglite';

/** Picks the adapter: DATABASE_URL wins; else PGlite in dataDir (default .data/pglite under the cwd). */
export async function openDb(opts: OpenDbOptions): Promise<{ db: SqlDb; description: string }> {
  const url = opts.databaseUrl?.trim();
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const safe = url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
    return { db: openPostgres(url), description: `PostgreSQL ${safe}` };
  }
  const dir = resolve(opts.dataDir ?? DEFAULT_PGLITE_DIR);
  return { db: await openPglite(dir), description: `PGlite ${dir}` };
}
