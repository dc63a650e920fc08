import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string | undefined;
  readonly staticDir: string | undefined;
  /** Project assets (policy-packs/ inside); undefined = next to the build or the source. */
  readonly assetsDir: string | undefined;
  readonly demo: boolean;
  readonly electron: boolean;
}

export const USAGE = `Usage: node dist/server/cli.js start [--port 8080] [--host 127.0.0.1] [--data-dir DIR]
                                  [--static-dir DIR] [--assets-dir DIR] [--no-demo] [--no-electron]
       node dist/server/cli.js publish-pack <pack.json> [--data-dir DIR]
Environment: DATABASE_URL=postgres://… runs on PostgreSQL instead of PGlite; LOG_LEVEL (default warn);
             SHEBAO_PACK_SIGNING_KEY=<64 hex> signs packs with this key instead of the database's own.`;

/** Parses `start …`; throws an Error with a readable message on bad input. */
export function parseStartArgs(argv: readonly string[]): StartOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      'assets-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'no-electron': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'start') throw new Error(USAGE);
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (values.host.trim() === '') throw new Error('--host must not be empty');
  return {
    port,
    host: values.host,
    dataDir: values['data-dir'],
    // fastify-static wants an absolute root; resolve relative paths against the cwd.
    staticDir: values['static-dir'] === undefined ? undefined : resolve(values['static-dir']),
    assetsDir: values['assets-dir'] === undefined ? undefined : resolve(values['assets-dir']),
    demo: !values['no-demo'],
    electron: !values['no-electron'],
  };
}
