import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrate } from './db/migrations';
import { openDb } from './db/open-db';
import { ensureSigningKey, SIGNING_KEY_ENV } from './policy/centre-keys';
import { publishPack } from './policy/pack-store';

export const PUBLISH_USAGE = 'Usage: node dist/server/cli.js publish-pack <pack.json> [--data-dir DIR]   (DATABASE_URL selects PostgreSQL)';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 published, 1 refused (invalid, exists, unreadable), 2 bad arguments. */
export type ExitCode = 0 | 1 | 2;

function readPackFile(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, message: `pack.read: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `pack.json: ${file} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * `publish-pack <file> [--data-dir DIR]`: validates the pack
 * (policyPackSchema), refuses a version that exists, signs it with the
 * active centre key and stores it as a 'packs' doc; prints the doc id.
 * Nothing is stored unless every check passes. With PGlite the server must
 * be stopped (one process per data directory); on PostgreSQL it may run,
 * and its streams announce the pack within PACK_WATCH_MS.
 */
export async function runPublishPack(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<ExitCode> {
  let file: string;
  let dataDir: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { 'data-dir': { type: 'string' } } });
    if (positionals.length !== 1 || positionals[0] === undefined) throw new Error('exactly one pack file expected');
    file = positionals[0];
    dataDir = values['data-dir'];
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${PUBLISH_USAGE}`);
    return 2;
  }
  const raw = readPackFile(file);
  if (!raw.ok) {
    io.err(raw.message);
    return 1;
  }
  const { db, description } = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    await migrate(db);
    const key = await ensureSigningKey(db, env[SIGNING_KEY_ENV]);
    const r = await publishPack(db, raw.value, key);
    if (!r.ok) {
      const p = r.params ?? {};
      if (r.code === 'pack.schema') io.err(`pack.schema: ${file} is not a valid policy pack at ${String(p.path) || '(root)'}: ${String(p.reason)}; nothing stored`);
      else if (r.code === 'pack.versionExists') io.err(`pack.versionExists: ${String(p.id)} is already published; publish a new version (e.g. bump the revision); nothing stored`);
      else io.err(`${r.code}: ${JSON.stringify(p)}; nothing stored`);
      return 1;
    }
    io.out(r.value.doc.id);
    io.err(`published ${r.value.doc.id} (effective from ${r.value.doc.effectiveFrom}) signed with key ${key.keyId} into ${description}`);
    return 0;
  } finally {
    await db.close();
  }
}
