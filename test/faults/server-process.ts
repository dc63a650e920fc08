import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project so that the bundle's external packages resolve from node_modules.
const CLI_JS = join(ROOT, 'node_modules/.cache/shebao-faults/cli.js');
const ASSETS = join(ROOT, 'assets');

/** Bundles the current src/server (through server-entry.ts) once per runner process (esbuild, like `npm run build:server`). */
let built: Promise<void> | null = null;
export function buildServer(): Promise<void> {
  // Worker processes of a parallel series use the bundle their parent made (one writer of the file).
  if (process.env.FAULTS_SERVER_BUILT === '1') built ??= Promise.resolve();
  built ??= build({
    entryPoints: [join(ROOT, 'test/faults/server-entry.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external',
    outfile: CLI_JS, logLevel: 'error',
  }).then(() => undefined);
  return built;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The real sync server as a child process on a PGlite data directory.
 * `kill()` is SIGKILL (no shutdown hook runs); `start()` again on the same
 * directory and port is a restart after a crash.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  /** The tail of the server's output, for a failure report. */
  log = '';

  /**
   * `host`: where it listens (loopback unless it runs in a network namespace);
   * `prefix`: the command it is started under (`ip netns exec NS`, see netns.ts).
   */
  constructor(readonly port: number, readonly dataDir: string, readonly host = '127.0.0.1', private readonly prefix: readonly string[] = []) {}

  async start(timeoutMs = 30_000): Promise<void> {
    await buildServer();
    const args = [process.execPath, CLI_JS, '--port', String(this.port), '--host', this.host, '--data-dir', this.dataDir, '--assets-dir', ASSETS];
    const [command = '', ...rest] = [...this.prefix, ...args];
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (d: Buffer): void => { this.log = (this.log + d.toString()).slice(-4000); };
    child.stderr.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`server did not start in ${timeoutMs} ms: ${this.log}`)); }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        keep(d);
        if (this.log.includes('listening on')) { clearTimeout(timer); resolve(); }
      });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${String(code)} at start: ${this.log}`)); });
    });
  }

  running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL and wait for the process to be gone. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
    child.kill(signal);
    await gone;
  }
}

let template: Promise<string> | null = null;
/**
 * A data directory with migrations, demo stations, 300 demo people and the
 * signed shipped packs, made once per runner process: a fresh PGlite
 * start takes seconds, a copy a fraction of that.
 */
export function templateDir(): Promise<string> {
  // Worker processes of a parallel series copy their parent's template (FAULTS_TEMPLATE).
  const given = process.env.FAULTS_TEMPLATE;
  if (given !== undefined && given !== '') template ??= Promise.resolve(given);
  template ??= (async () => {
    const dir = join(tmpdir(), `shebao-faults-template-${String(process.pid)}`);
    rmSync(dir, { recursive: true, force: true });
    const server = new ServerProcess(await freePort(), dir);
    await server.start(120_000);
    await server.stop('SIGTERM');
    return dir;
  })();
  return template;
}

/** A fresh data directory for one run (a copy of the template). */
export async function freshDataDir(name: string): Promise<string> {
  const from = await templateDir();
  const dir = join(tmpdir(), `shebao-faults-${String(process.pid)}`, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  cpSync(from, dir, { recursive: true });
  return dir;
}

export function removeDataDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Removes the template and, when no failed run's data was kept, the runs' parent directory. */
export function removeTemplate(): void {
  if (process.env.FAULTS_TEMPLATE === undefined) rmSync(join(tmpdir(), `shebao-faults-template-${String(process.pid)}`), { recursive: true, force: true });
  const runs = join(tmpdir(), `shebao-faults-${String(process.pid)}`);
  if (existsSync(runs) && readdirSync(runs).length === 0) rmSync(runs, { recursive: true, force: true });
}
