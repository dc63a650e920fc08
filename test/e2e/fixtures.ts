import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test, type BrowserContext, type Page, type Response } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts the built server (dist/server/cli.js) on a free port with a fresh PGlite directory. */
export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shebao-e2e-db-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['dist/server/cli.js', 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--no-electron', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`server did not start:\n${output}`)); }, 90_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m?.[1]) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${String(code)}:\n${output}`)); });
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in every frame. Headless Chromium kills the tab when print() is
 * called on a frame showing a PDF (there is no print preview without a
 * display; headed Chromium opens the dialog). The receipt's web print does
 * exactly that (src/renderer/platform/web-print-pdf.ts), so in these
 * browsers a PDF frame's print() only counts the call in the top window's
 * `__shebaoPdfPrints`, which tests read. Pages' own print() is untouched.
 */
function recordPdfPrints(): void {
  if (location.protocol !== 'blob:' || window.top === null || window.top === window) return;
  const top = window.top as Window & { __shebaoPdfPrints?: number };
  window.print = () => {
    top.__shebaoPdfPrints = (top.__shebaoPdfPrints ?? 0) + 1;
  };
}

/** A station's browser profile: a persistent user-data dir that survives close/reopen. */
export class StationProfile {
  // Made on first open(), not at construction: spec files are also loaded by
  // Playwright's runner process just to list tests, where nothing disposes.
  private profileDir: string | null = null;
  context: BrowserContext | null = null;
  /** The response of open()'s navigation (fromServiceWorker() tells who served the app). */
  lastNavigation: Response | null = null;

  /**
   * Launches Chromium on this profile and loads url. offline: start with
   * the network already cut (a station reopened without a connection).
   * locale: the browser's language (default zh-CN).
   */
  get dir(): string {
    this.profileDir ??= mkdtempSync(join(tmpdir(), 'shebao-e2e-profile-'));
    return this.profileDir;
  }

  async open(url: string, opts: { offline?: boolean; locale?: string } = {}): Promise<Page> {
    this.context = await chromium.launchPersistentContext(this.dir, {
      offline: opts.offline ?? false,
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: opts.locale ?? 'zh-CN',
      viewport: { width: 1366, height: 860 },
    });
    await this.context.addInitScript(recordPdfPrints);
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.lastNavigation = await page.goto(url);
    return page;
  }

  async setOffline(offline: boolean): Promise<void> {
    await this.context?.setOffline(offline);
  }

  async close(): Promise<void> {
    await this.context?.close();
    this.context = null;
  }

  async dispose(): Promise<void> {
    await this.close();
    if (this.profileDir !== null) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = null;
  }
}

export const DEMO = {
  A: { stationCode: 'HX01', enrolmentCode: '100001', name: '河西区友谊路街道劳动保障服务站' },
  B: { stationCode: 'XQ01', enrolmentCode: '200002', name: '西青区杨柳青镇劳动保障服务站' },
} as const;

export interface StationsEnv {
  /** The server of this spec file; available from beforeAll on. */
  server(): RunningServer;
  readonly stations: readonly StationProfile[];
}

/**
 * Registers the hooks every spec needs: one fresh server for the file and
 * `count` station profiles, all disposed afterwards. Call at the top level
 * of a spec file.
 */
export function useServerAndStations(count: number): StationsEnv {
  const stations = Array.from({ length: count }, () => new StationProfile());
  let running: RunningServer | null = null;
  test.beforeAll(async () => {
    running = await startServer();
  });
  test.afterAll(async () => {
    for (const s of stations) await s.dispose();
    await running?.stop();
  });
  return {
    server: () => {
      if (!running) throw new Error('server not started yet (use it inside a test or a later beforeAll)');
      return running;
    },
    stations,
  };
}
