import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_STATIONS } from './demo/seed';
import { findElectronBinary, launchElectron } from './electron-launch';
import { parseStartArgs, type StartOptions } from './cli-args';
import { listStations } from './org/org-store';
import { verifyEnrolmentCode } from './org/secrets';
import { SIGNING_KEY_ENV } from './policy/centre-keys';
import { runPublishPack, type CliIo } from './publish-pack-cli';
import { runConfirmPayments } from './confirm-payments-cli';
import { defaultPolicyPackDir } from './assets-dir';
import { startServer, type RunningServer } from './server-main';

/** dist/ of the build: this file is bundled to dist/server/cli.js; run from source (tsx), fall back to ./dist. */
function distDir(): string {
  const up = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return basename(up) === 'dist' ? up : resolve('dist');
}

/** A URL a browser on this machine can open (0.0.0.0/:: are not addresses to connect to). */
function browsableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');
}

async function printDemoStations(server: RunningServer): Promise<void> {
  const stations = await listStations(server.db);
  for (const demo of DEMO_STATIONS) {
    const s = stations.find((x) => x.code === demo.code);
    // Print a code only while it still is the public demo code.
    if (s && verifyEnrolmentCode(demo.enrolmentCode, s.enrolmentCodeHash)) {
      console.log(`Demo station ${s.code} ${s.name}: enrolment code ${demo.enrolmentCode}`);
    }
  }
}

async function main(opts: StartOptions): Promise<void> {
  const dist = distDir();
  const server = await startServer({
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir,
    databaseUrl: process.env.DATABASE_URL,
    staticDir: opts.staticDir ?? join(dist, 'renderer'),
    demo: opts.demo,
    policyPackDir: opts.assetsDir === undefined ? defaultPolicyPackDir() : join(opts.assetsDir, 'policy-packs'),
    packSigningKeyHex: process.env[SIGNING_KEY_ENV],
    trustProxy: process.env.SHEBAO_TRUST_PROXY,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  console.log(`Shebao Station server listening on ${server.url}`);
  console.log(`Database: ${server.dbDescription}${server.seeded ? ` (demo data seeded: ${server.seeded.people} people)` : ''}`);
  if (server.packs) {
    const p = server.packs;
    console.log(`Policy packs: ${String(p.published.length)} published now, ${String(p.present.length)} already present (key ${server.signingKey.keyId}, ${server.signingKey.origin})`);
    for (const id of p.differing) console.warn(`Warning: shipped pack ${id} differs from the published version; the published one stays (publish a new version)`);
  }
  await printDemoStations(server);

  let child: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    child?.kill('SIGTERM');
    // A hung close must not keep the terminal: give up after 10 s.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await server.close();
    } catch (e) {
      console.error('Error while stopping:', e);
      code = 1;
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const url = browsableUrl(server.url);
  const electron = opts.electron ? findElectronBinary() : null;
  const mainScript = join(dist, 'main', 'main.cjs');
  if (electron && existsSync(mainScript)) {
    child = launchElectron(electron, mainScript, url);
    child.on('exit', (code) => {
      // Closing the desktop client ends the session it started.
      if (!stopping) {
        console.log(`Electron exited (${code ?? 'signal'}); stopping the server.`);
        void stop(0);
      }
    });
  } else if (opts.electron) {
    console.log(`Electron binary not available; open ${url} in a browser.`);
  } else {
    console.log(`Open ${url} in a browser.`);
  }
}

function runStart(argv: readonly string[]): void {
  let opts: StartOptions;
  try {
    opts = parseStartArgs(argv);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  main(opts).catch((e: unknown) => {
    console.error('Shebao Station server failed to start:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

const argv = process.argv.slice(2);
const consoleIo: CliIo = {
  out: (l) => {
    console.log(l);
  },
  err: (l) => {
    console.error(l);
  },
};
/** One-shot sub-commands: run, print, exit with their code. */
const commands: Record<string, (args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo) => Promise<number>> = {
  'publish-pack': runPublishPack,
  'confirm-payments': runConfirmPayments,
};
const command = argv[0] === undefined ? undefined : commands[argv[0]];
if (command) {
  command(argv.slice(1), process.env, consoleIo).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`${String(argv[0])} failed:`, e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
} else {
  runStart(argv);
}
