import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a throwaway database on the PostgreSQL 15 this setup started; '' when skipped. */
    pgUrl: string;
  }
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      srv.close(() => {
        resolvePort(port);
      });
    });
  });
}

/** initdb refuses to run as root: run the PostgreSQL tools as the postgres user then. */
function asPostgres(tool: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]] : [join(PG_BIN, tool), args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

function userIds(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()),
  };
}

/**
 * Starts a private PostgreSQL 15 for the server tests (temp data dir, free
 * port, unix socket inside the temp dir, fsync off) and stops and deletes
 * it afterwards. Without the binaries: fail under CI, skip elsewhere.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) {
    const reason = `no PostgreSQL binaries in ${PG_BIN} (install postgresql-15 or set PG_BIN)`;
    if (process.env.CI) throw new Error(`PostgreSQL tests cannot run under CI: ${reason}`);
    console.warn(`PostgreSQL tests skipped: ${reason}`);
    project.provide('pgUrl', '');
    return () => Promise.resolve();
  }
  const dir = mkdtempSync(join(tmpdir(), 'shebao-pg-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const stop = (): void => {
    try {
      asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped or never started.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres('initdb', ['-D', dataDir, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    asPostgres('pg_ctl', ['-D', dataDir, '-o', opts, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE shebao_test');
    await admin.end();
  } catch (e) {
    stop();
    const reason = e instanceof Error ? e.message : String(e);
    if (process.env.CI) throw new Error(`PostgreSQL for tests failed to start: ${reason}`);
    console.warn(`PostgreSQL tests skipped: ${reason}`);
    project.provide('pgUrl', '');
    return () => Promise.resolve();
  }
  project.provide('pgUrl', `postgres://postgres@127.0.0.1:${port}/shebao_test`);
  return () => {
    stop();
    return Promise.resolve();
  };
}
