/**
 * One running client per user: a second launch would open the same
 * IndexedDB partition twice. The second instance quits at once; the first
 * brings its window to the front.
 */
import type { App, BrowserWindow } from 'electron';

export type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit'> & {
  on(event: 'second-instance', listener: () => void): unknown;
};

/** Returns true when this process is the one instance; false means it is quitting. */
export function claimSingleInstance(app: SingleInstanceApp, mainWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = mainWindow();
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
