import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite } from '../../../src/server/db/pglite-db';
import { openPostgres } from '../../../src/server/db/pg-db';
import type { SqlDb } from '../../../src/server/db/sql-db';

export interface OpenedDb {
  readonly db: SqlDb;
  /** Closes the db and removes what the variant created. */
  readonly dispose: () => Promise<void>;
}

export interface DbVariant {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<OpenedDb>;
}

/** The test PostgreSQL of global-setup.ts, or '' when it was skipped. */
export const pgUrl: string = inject('pgUrl');

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database per suite on the shared test cluster, dropped afterwards. */
export async function openFreshPostgres(poolSize = 10): Promise<OpenedDb & { url: string }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(pgUrl, name);
  const db = openPostgres(url, poolSize);
  return {
    db,
    url,
    dispose: async () => {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
    },
  };
}

const pglite: DbVariant = {
  name: 'pglite',
  open: async () => {
    const db = await openPglite();
    return { db, dispose: () => db.close() };
  },
};

const postgres: DbVariant = { name: 'postgres', open: () => openFreshPostgres() };

/** Every storage adapter this machine can run: the same suite runs once per entry. */
export const DB_VARIANTS: readonly DbVariant[] = pgUrl === '' ? [pglite] : [pglite, postgres];
