import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly listeners = new Map<string, Array<() => void>>();
    emit(event: string): void {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
    maximized = false;
    shown = false;
    normalBounds = { x: 0, y: 0, width: 0, height: 0 };
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    on(event: string, listener: () => void): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: () => void): this {
      return this.on(event, listener);
    }
    maximize(): void {
      this.maximized = true;
    }
    show(): void {
      this.shown = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    getNormalBounds(): typeof this.normalBounds {
      return this.normalBounds;
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  };
});
vi.mock('electron', () => electron);

import { createMainWindow } from '../../src/main/window';

type Fake = InstanceType<typeof electron.BrowserWindow>;
let dir: string;
let stateFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shebao-window-'));
  stateFile = path.join(dir, 'window-state.json');
  electron.BrowserWindow.created.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function create(): Promise<Fake> {
  await createMainWindow({ preloadPath: '/app/dist/main/preload.cjs', windowStateFile: stateFile, title: '社保服务站' });
  expect(electron.BrowserWindow.created).toHaveLength(1);
  return electron.BrowserWindow.created[0]!;
}

describe('createMainWindow', () => {
  it('creates the window with the secure webPreferences and the fixed partition', async () => {
    const window = await create();
    expect(window.options['webPreferences']).toEqual({
      preload: '/app/dist/main/preload.cjs',
      partition: 'persist:shebao-station',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.options['show']).toBe(false);
    expect(window.options['title']).toBe('社保服务站');
  });

  it('opens with default size and no position when there is no saved state', async () => {
    const window = await create();
    expect(window.options).toMatchObject({ width: 1280, height: 800 });
    expect(window.options).not.toHaveProperty('x');
  });

  it('restores saved bounds and maximises when shown', async () => {
    await writeFile(stateFile, JSON.stringify({ bounds: { x: 50, y: 60, width: 1400, height: 900 }, isMaximized: true }));
    const window = await create();
    expect(window.options).toMatchObject({ x: 50, y: 60, width: 1400, height: 900 });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    expect(window.shown).toBe(true);
  });

  it('ignores a corrupt state file', async () => {
    await writeFile(stateFile, '{"bounds": nope');
    const window = await create();
    expect(window.options).toMatchObject({ width: 1280, height: 800 });
    expect(window.options).not.toHaveProperty('x');
  });

  it('saves bounds and maximised state on close', async () => {
    const window = await create();
    window.normalBounds = { x: 10, y: 20, width: 1000, height: 700 };
    window.maximized = true;
    window.emit('close');
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, isMaximized: true });
  });
});
