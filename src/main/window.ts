/**
 * The main window: secure webPreferences, the persistent partition, state
 * restored from and saved to window-state.json.
 */
import { BrowserWindow, screen } from 'electron';
import { SESSION_PARTITION } from './app-origin';
import { initialPlacement, MIN_HEIGHT, MIN_WIDTH, readWindowState, writeWindowStateSync } from './window-state';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly windowStateFile: string;
  readonly title: string;
}

/**
 * Creates the window without loading it: the caller stores the reference
 * first, so IPC sent while the page loads already finds its trusted sender.
 */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = await readWindowState(options.windowStateFile);
  const placement = initialPlacement(saved, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    title: options.title,
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    // The renderer gets no Node, runs sandboxed, in an isolated world, with
    // web security on. Mostly today's defaults, spelled out (and kept as a
    // literal so electronegativity can read it) so that a changed default or
    // an edit here is caught by test/main/window.test.ts.
    webPreferences: {
      preload: options.preloadPath,
      partition: SESSION_PARTITION,
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
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (placement.isMaximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    // getNormalBounds: the size to come back to when un-maximising next time.
    const state = { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() };
    try {
      writeWindowStateSync(options.windowStateFile, state);
    } catch (error: unknown) {
      // Losing the window position is not worth blocking the close.
      console.warn('window state not saved', error);
    }
  });
  return window;
}
