import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../../src/server/server-main';

/**
 * The fault suite's server: the real src/server (same startServer as
 * `cli.js start`), bundled by server-process.ts, but seeding FEWER demo
 * people (FAULTS_DEMO_PEOPLE, default 40): every fresh device pulls every
 * person of the city at its first sync, and 300 of them made that first
 * sync most of a short run's time. Prints the same "listening on" line.
 */
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'data-dir': { type: 'string' }, 'assets-dir': { type: 'string' } },
});
const server = await startServer({
  port: Number(values.port ?? '0'),
  host: values.host,
  dataDir: values['data-dir'],
  demo: true,
  demoPeople: Number(process.env.FAULTS_DEMO_PEOPLE ?? '40'),
  policyPackDir: join(values['assets-dir'] ?? 'assets', 'policy-packs'),
  logger: { level: process.env.LOG_LEVEL ?? 'warn' },
});
console.log(`Shebao Station server listening on ${server.url}`);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
