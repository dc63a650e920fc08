/**
 * The real Electron shell, end to end: the window shows the app:// UI, the
 * renderer is isolated (no Node, window.shebao holds exactly the named
 * functions), and navigation away from app:// is refused. Skipped, with a
 * plain message, where no Electron binary exists.
 */
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { announceSkip, ELECTRON_SKIP_MESSAGE, findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (binary === null) announceSkip();

test.describe('Electron shell', () => {
  test.skip(binary === null, ELECTRON_SKIP_MESSAGE);

  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  test.beforeEach(async () => {
    // A throwaway profile per test: its own IndexedDB, config and single-instance lock.
    profile = mkdtempSync(path.join(tmpdir(), 'shebao-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: ['dist/main/main.cjs', `--user-data-dir=${profile}`],
      cwd: process.cwd(),
      // The sync server is not needed here; a closed port keeps the client offline.
      env: { ...process.env, SHEBAO_SERVER_URL: 'http://127.0.0.1:9' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('loads the UI from app://shebao', async () => {
    expect(page.url()).toMatch(/^app:\/\/shebao\//);
    await expect(page.locator('#root')).not.toBeEmpty();
    const protocol = await page.evaluate(() => location.protocol);
    expect(protocol).toBe('app:');
  });

  test('isolates the renderer: no Node, only the named functions on window.shebao', async () => {
    const shape = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w['shebao'] as Record<string, unknown> | undefined;
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
        keys: api === undefined ? null : Object.keys(api).sort(),
        types: api === undefined ? [] : Object.values(api).map((v) => typeof v),
      };
    });
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
    expect(shape.module).toBe('undefined');
    expect(shape.keys).toEqual(['getAppInfo', 'printPage', 'saveFile', 'setServerUrl']);
    expect(shape.types).toEqual(['function', 'function', 'function', 'function']);
    const info = await page.evaluate(() =>
      (window as unknown as { shebao: { getAppInfo: () => Promise<unknown> } }).shebao.getAppInfo(),
    );
    expect(info).toMatchObject({ ok: true, value: { serverUrl: 'http://127.0.0.1:9' } });
  });

  test('refuses navigation to http://example.invalid and new windows', async () => {
    // Main sees the navigation after our will-navigate handler has run.
    const verdict = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<{ url: string; prevented: boolean }>((resolve) => {
          const contents = BrowserWindow.getAllWindows()[0]!.webContents;
          contents.once('will-navigate', (event) => {
            resolve({ url: event.url, prevented: event.defaultPrevented });
          });
        }),
    );
    await page.evaluate(() => {
      location.href = 'http://example.invalid/';
    });
    expect(await verdict).toEqual({ url: 'http://example.invalid/', prevented: true });
    expect(page.url()).toMatch(/^app:\/\/shebao\//);
    const opened = await page.evaluate(() => window.open('http://example.invalid/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
