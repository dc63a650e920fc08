import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrate } from './db/migrations';
import { openDb } from './db/open-db';
import { confirmPayments, parseConfirmationCsv, type LineError } from './payments/confirm-payments';
import type { CliIo, ExitCode } from './publish-pack-cli';

export const CONFIRM_USAGE = 'Usage: node dist/server/cli.js confirm-payments <file.csv> [--data-dir DIR]   (DATABASE_URL selects PostgreSQL)';

const printErrors = (io: CliIo, file: string, errors: readonly LineError[]): void => {
  for (const e of errors.slice(0, 100)) io.err(`${file}:${String(e.line)}: ${e.code}: ${e.detail}`);
  io.err(`${String(errors.length)} line(s) refused; nothing stored`);
};

/**
 * `confirm-payments <file.csv> [--data-dir DIR]`: imports the centre's
 * confirmation file (payment id, confirmed at) and writes a 'confirmation'
 * record for each declared payment (docs/operations.md). All or nothing;
 * running it again is harmless. Exit codes: 0 done, 1 refused, 2 bad arguments.
 */
export async function runConfirmPayments(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<ExitCode> {
  let file: string;
  let dataDir: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { 'data-dir': { type: 'string' } } });
    if (positionals.length !== 1 || positionals[0] === undefined) throw new Error('exactly one CSV file expected');
    file = positionals[0];
    dataDir = values['data-dir'];
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${CONFIRM_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`confirm.read: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const rows = parseConfirmationCsv(text);
  if (!rows.ok) {
    printErrors(io, file, rows.errors ?? []);
    return 1;
  }
  const { db, description } = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    await migrate(db);
    const r = await confirmPayments(db, rows.value);
    if (!r.ok) {
      printErrors(io, file, r.errors ?? []);
      return 1;
    }
    for (const id of r.value.confirmed) io.out(id);
    io.err(`confirmed ${String(r.value.confirmed.length)} payment(s), ${String(r.value.present.length)} already confirmed, into ${description}`);
    return 0;
  } finally {
    await db.close();
  }
}
