/**
 * Boots src/main/main.ts against a mocked electron and checks the wiring:
 * order (scheme before ready), single-instance, hardening of every
 * webContents, partition, protocol, IPC, and the URL the window loads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const order: string[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const state = { gotLock: true, userData: '', loaded: Promise.resolve<string>(''), resolveLoaded: (_url: string) => {} };
  const sessions = new Map<string, Record<string, unknown>>();
  const makeSession = (name: string) => {
    const ses = {
      name,
      protocol: { handle: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    sessions.set(name, ses);
    return ses;
  };
  class BrowserWindow {
    static created: BrowserWindow[] = [];
    readonly webContents = { id: 1 };
    constructor(readonly options: Record<string, unknown>) {
      order.push('new BrowserWindow');
      BrowserWindow.created.push(this);
    }
    on(): this {
      return this;
    }
    once(): this {
      return this;
    }
    loadURL(url: string): Promise<void> {
      order.push(`loadURL ${url}`);
      state.resolveLoaded(url);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      enableSandbox: vi.fn(() => order.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => {
        order.push('requestSingleInstanceLock');
        return state.gotLock;
      }),
      quit: vi.fn(() => order.push('quit')),
      exit: vi.fn(),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
      whenReady: vi.fn(() => {
        order.push('whenReady');
        return Promise.resolve();
      }),
      getPath: vi.fn(() => state.userData),
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')) },
    session: {
      fromPartition: vi.fn((name: string) => sessions.get(name) ?? makeSession(name)),
      get defaultSession() {
        return sessions.get('default') ?? makeSession('default');
      },
    },
    ipcMain: { handle: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    BrowserWindow,
  };
  return { electron, order, appListeners, state, sessions, BrowserWindow };
});
vi.mock('electron', () => fake.electron);

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  fake.order.length = 0;
  fake.appListeners.clear();
  fake.sessions.clear();
  fake.BrowserWindow.created.length = 0;
  fake.state.userData = await mkdtemp(path.join(tmpdir(), 'shebao-main-'));
  fake.state.loaded = new Promise((resolve) => {
    fake.state.resolveLoaded = resolve;
  });
});
afterEach(async () => {
  await rm(fake.state.userData, { recursive: true, force: true });
});

describe('main bootstrap', () => {
  it('registers the scheme before ready, then serves the UI from app:// in the fixed partition', async () => {
    fake.state.gotLock = true;
    await import('../../src/main/main');
    await expect(fake.state.loaded).resolves.toBe('app://shebao/index.html');

    const before = (a: string, b: string) => fake.order.indexOf(a) < fake.order.indexOf(b);
    expect(fake.order).toContain('registerSchemesAsPrivileged');
    expect(before('registerSchemesAsPrivileged', 'whenReady')).toBe(true);
    expect(before('requestSingleInstanceLock', 'whenReady')).toBe(true);
    expect(fake.order).toContain('enableSandbox');

    expect(fake.electron.session.fromPartition).toHaveBeenCalledWith('persist:shebao-station');
    const appSession = fake.sessions.get('persist:shebao-station') as { protocol: { handle: ReturnType<typeof vi.fn> }; setPermissionRequestHandler: ReturnType<typeof vi.fn> };
    expect(appSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(appSession.setPermissionRequestHandler).toHaveBeenCalled();
    const defaultSession = fake.sessions.get('default') as { setPermissionRequestHandler: ReturnType<typeof vi.fn> };
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalled();

    const channels = fake.electron.ipcMain.handle.mock.calls.map((call) => call[0] as string).sort();
    expect(channels).toEqual(['app:get-info', 'app:set-server-url', 'file:save', 'print:page', 'print:pdf']);

    expect(fake.BrowserWindow.created).toHaveLength(1);
    const prefs = fake.BrowserWindow.created[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, partition: 'persist:shebao-station' });
    expect(String(prefs['preload'])).toMatch(/preload\.cjs$/);
    // The window exists (and IPC can trust it) before the page starts loading.
    expect(before('new BrowserWindow', 'loadURL app://shebao/index.html')).toBe(true);
  });

  it('hardens every webContents created, not only the main window', async () => {
    fake.state.gotLock = true;
    await import('../../src/main/main');
    const hook = fake.appListeners.get('web-contents-created');
    expect(hook).toBeDefined();
    const setWindowOpenHandler = vi.fn();
    const on = vi.fn();
    hook!({}, { setWindowOpenHandler, on });
    expect(setWindowOpenHandler).toHaveBeenCalled();
    expect(on.mock.calls.map((call) => call[0] as string)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(fake.appListeners.has('window-all-closed')).toBe(true);
  });

  it('a second instance quits without waiting for ready or opening a window', async () => {
    fake.state.gotLock = false;
    await import('../../src/main/main');
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.created).toHaveLength(0);
    expect(fake.appListeners.has('web-contents-created')).toBe(false);
  });
});
