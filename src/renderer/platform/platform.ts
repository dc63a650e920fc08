/**
 * What the renderer needs from its host (DESIGN.md §1: Electron or a plain
 * browser). One contract, one implementation per host: electron.ts and
 * web.ts; select-platform.ts picks one at start.
 */
export interface Platform {
  readonly kind: 'electron' | 'web';
  /** Prints the current page (system dialog in Electron, the browser's otherwise). */
  print(): Promise<void>;
  /**
   * Prints a PDF (a receipt) through the system's print dialog: in Electron
   * main loads it in a hidden window; in the browser a hidden iframe shows
   * it and its print() is called. Resolves once the dialog was asked for.
   */
  printPdf(pdf: Uint8Array): Promise<void>;
  /** Saves a file the user names; false when they cancelled. */
  saveFile(name: string, content: string | Uint8Array, mime: string): Promise<boolean>;
  /** Base URL of the sync server (no trailing slash). */
  serverUrl(): Promise<string>;
  appVersion(): Promise<string>;
}

/** A host call that failed; `code` is an i18n code (e.g. from main's IpcResult). */
export class PlatformError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PlatformError';
  }
}
