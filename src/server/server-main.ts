import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { migrate } from './db/migrations';
import { openDb } from './db/open-db';
import type { SqlDb } from './db/sql-db';
import { seedDemo, type DemoSummary } from './demo/seed';
import { createApp } from './http/app';
import { ensureSigningKey } from './policy/centre-keys';
import { seedShippedPacks, type PackSeedSummary } from './policy/pack-store';

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly staticDir?: string | undefined;
  readonly demo: boolean;
  /** Demo people to seed (default 300). */
  readonly demoPeople?: number;
  readonly logger?: FastifyServerOptions['logger'];
  /** Directory of the shipped packs (*.json) to sign and store; null = seed none. */
  readonly policyPackDir: string | null;
  /** SHEBAO_PACK_SIGNING_KEY: sign with this key (hex) instead of the database's own. */
  readonly packSigningKeyHex?: string | undefined;
  /** See AppOptions.packWatchMs. */
  readonly packWatchMs?: number;
  /** SHEBAO_TRUST_PROXY: addresses of the reverse proxy whose X-Forwarded-For is believed (per-IP limits, ADR 020). */
  readonly trustProxy?: string | undefined;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly db: SqlDb;
  /** http://HOST:PORT with the real port (port 0 → the one the OS picked). */
  readonly url: string;
  readonly dbDescription: string;
  /** Set when this start seeded the demo data. */
  readonly seeded: DemoSummary | null;
  /** Shipped packs stored by this start and already present; null when none were seeded. */
  readonly packs: PackSeedSummary | null;
  /** Id of the key that signs packs published now, and where it comes from. */
  readonly signingKey: { readonly keyId: string; readonly origin: 'database' | 'env' };
  close(): Promise<void>;
}

/** Open DB → migrate → signing key → shipped packs → seed demo (empty DB only) → listen. Closes what it opened if a step fails. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { db, description } = await openDb({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  let app: FastifyInstance | null = null;
  try {
    await migrate(db);
    const key = await ensureSigningKey(db, opts.packSigningKeyHex);
    const packs = opts.policyPackDir === null ? null : await seedShippedPacks(db, opts.policyPackDir, key);
    const seeded = opts.demo ? await seedDemo(db, opts.demoPeople === undefined ? {} : { people: opts.demoPeople }) : null;
    app = await createApp({
      db,
      logger: opts.logger ?? false,
      ...(opts.staticDir === undefined ? {} : { staticDir: opts.staticDir }),
      ...(opts.packWatchMs === undefined ? {} : { packWatchMs: opts.packWatchMs }),
      ...(opts.trustProxy === undefined || opts.trustProxy === '' ? {} : { trustProxy: opts.trustProxy }),
    });
    await app.listen({ port: opts.port, host: opts.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : opts.port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    const running = app;
    return {
      app: running,
      db,
      url: `http://${host}:${port}`,
      dbDescription: description,
      seeded,
      packs,
      signingKey: { keyId: key.keyId, origin: key.origin },
      close: async () => {
        await running.close();
        await db.close();
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw e;
  }
}
