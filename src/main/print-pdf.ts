/**
 * Prints a PDF made by the renderer (a receipt) through the system print
 * dialog. Electron has no "print these bytes" call, so the PDF is written to
 * a private temp directory, shown in a hidden window by Chromium's built-in
 * PDF viewer, and that window's webContents.print() opens the dialog. The
 * window and the file are gone afterwards, whatever happened.
 */
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcResult } from '../shared/ipc';
import { err, ok } from '../shared/result';

/** Error code (errors.print.failed) shared with the page print. */
export const PRINT_PDF_FAILED = 'print.failed';

/** Its own in-memory session: nothing of the app's storage or cookies is reachable from the print window. */
export const PRINT_PARTITION = 'shebao-print';

/**
 * The hidden window that shows the PDF. Options kept as a literal so
 * electronegativity (npm run check:electron) can read them: no preload, no
 * Node, sandboxed, isolated, in its own session.
 */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 800,
    height: 1000,
    webPreferences: {
      partition: PRINT_PARTITION,
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
      // The PDF viewer is Chromium's built-in plugin; nothing else is loaded in this window.
      plugins: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed'> & {
  readonly webContents: Pick<BrowserWindow['webContents'], 'print'>;
};

export interface PdfPrinterDeps {
  /** createPrintWindow in the app; a fake in tests. */
  readonly createWindow: () => PrintWindow;
  /** Parent of the temp directory (os.tmpdir() in the app). */
  readonly tempRoot?: string;
}

function printWindow(window: PrintWindow): Promise<IpcResult<null>> {
  return new Promise((resolve) => {
    window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      // The user closing the dialog is not an error.
      resolve(success || failureReason === 'cancelled' ? ok(null) : err(PRINT_PDF_FAILED));
    });
  });
}

/** Prints `pdf`; the dialog's outcome decides the answer (cancel is ok). */
export async function printPdf(deps: PdfPrinterDeps, pdf: Uint8Array): Promise<IpcResult<null>> {
  const dir = await mkdtemp(path.join(deps.tempRoot ?? tmpdir(), 'shebao-print-'));
  let window: PrintWindow | null = null;
  try {
    const file = path.join(dir, 'receipt.pdf');
    await writeFile(file, pdf, { mode: 0o600 });
    window = deps.createWindow();
    await window.loadFile(file);
    return await printWindow(window);
  } catch (error: unknown) {
    console.error('print:pdf failed', error);
    return err(PRINT_PDF_FAILED);
  } finally {
    if (window !== null && !window.isDestroyed()) window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
