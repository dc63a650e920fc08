/**
 * Electron main entry (bundled to dist/main/main.cjs). Thin on purpose: it
 * wires the modules next to it in the order Electron requires.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import path from 'node:path';
import { APP_ENTRY_URL, SESSION_PARTITION } from './app-origin';
import { ConfigStore, SERVER_URL_ENV } from './config';
import { createHandle } from './ipc/handle';
import { registerIpcHandlers } from './ipc/handlers';
import { createPrintWindow, printPdf } from './print-pdf';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { applySessionSecurity, buildContentSecurityPolicy, hardenWebContents } from './security';
import { claimSingleInstance } from './single-instance';
import { createMainWindow } from './window';

const WINDOW_TITLE = '社保服务站';
/** dist/main/main.cjs → dist/renderer; inside the asar in a packaged build. */
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const config = new ConfigStore(path.join(userData, 'config.json'), process.env[SERVER_URL_ENV]);
  await config.load();
  const contentSecurityPolicy = (): string => buildContentSecurityPolicy(config.serverUrl());

  const appSession = session.fromPartition(SESSION_PARTITION);
  for (const ses of [appSession, session.defaultSession]) applySessionSecurity(ses, contentSecurityPolicy);
  serveAppProtocol(appSession, { root: RENDERER_ROOT, contentSecurityPolicy });

  registerIpcHandlers(
    createHandle(ipcMain, () => mainWindow?.webContents ?? null),
    {
      appVersion: app.getVersion(), platform: process.platform, config, mainWindow: () => mainWindow, dialog,
      printPdf: (pdf) => printPdf({ createWindow: createPrintWindow }, pdf),
    },
  );

  const window = await createMainWindow({
    preloadPath: PRELOAD_PATH,
    windowStateFile: path.join(userData, 'window-state.json'),
    title: WINDOW_TITLE,
  });
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  await window.loadURL(APP_ENTRY_URL);
}

function fail(error: unknown): void {
  console.error(error);
  dialog.showErrorBox(WINDOW_TITLE, error instanceof Error ? error.message : String(error));
  app.exit(1);
}

// Privileged schemes must be registered before 'ready'.
registerAppScheme();
// Sandbox every renderer, including any created by code we do not own.
app.enableSandbox();

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.whenReady().then(start).catch(fail);
}
