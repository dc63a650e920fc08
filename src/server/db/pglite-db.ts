import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, SqlDb } from './sql-db';

/**
 * PGlite is one single-user Postgres backend in WebAssembly: one
 * connection, one statement at a time. Every query and every transaction
 * goes through one promise queue, so a request's transaction never sees
 * another request's statements interleaved into it.
 */
class PgliteDb implements SqlDb {
  readonly kind = 'pglite' as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pg: PGlite) {}

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    // The queue continues whatever the outcome of this job.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.enqueue(async () => (await this.pg.query<T>(sql, [...params])).rows);
  }

  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.pg.transaction(async (t) => {
        const q: Queryable = {
          query: async <R>(sql: string, params: readonly unknown[] = []) => (await t.query<R>(sql, [...params])).rows,
        };
        return fn(q);
      }),
    );
  }

  async close(): Promise<void> {
    await this.enqueue(() => this.pg.close());
  }
}

/**
 * Opens PGlite. `dataDir` undefined → in memory (tests); otherwise the
 * directory is created on first run and reused afterwards.
 */
export async function openPglite(dataDir?: string): Promise<SqlDb> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  return new PgliteDb(pg);
}
