import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class BrowserWindow {
    static created: BrowserWindow[] = [];
    constructor(readonly options: Record<string, unknown>) {
      BrowserWindow.created.push(this);
    }
  }
  return { BrowserWindow };
});
vi.mock('electron', () => electron);

import { createPrintWindow, PRINT_PARTITION, PRINT_PDF_FAILED, printPdf, type PdfPrinterDeps } from '../../src/main/print-pdf';

type PrintCallback = (success: boolean, reason: string) => void;

/** A stand-in for the hidden BrowserWindow: records what main asks of it. */
class FakePrintWindow {
  loaded: string | null = null;
  loadedBytes: Buffer | null = null;
  destroyed = false;
  printOptions: unknown = null;
  constructor(private readonly outcome: { success: boolean; reason: string } | 'load-fails') {}
  readonly webContents = {
    print: (options: unknown, callback: PrintCallback) => {
      this.printOptions = options;
      if (this.outcome !== 'load-fails') callback(this.outcome.success, this.outcome.reason);
    },
  };
  async loadFile(file: string): Promise<void> {
    if (this.outcome === 'load-fails') throw new Error('ERR_FAILED');
    this.loaded = file;
    // Read while the window "shows" it: the file is removed afterwards.
    this.loadedBytes = await readFile(file);
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let root: string;
let windows: FakePrintWindow[];
const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');

function deps(outcome: { success: boolean; reason: string } | 'load-fails'): PdfPrinterDeps {
  return {
    tempRoot: root,
    createWindow: () => {
      const window = new FakePrintWindow(outcome);
      windows.push(window);
      return window;
    },
  };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shebao-print-test-'));
  windows = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('printPdf (main)', () => {
  it('makes the print window hidden, sandboxed, without preload or Node, in its own session', () => {
    createPrintWindow();
    const options = electron.BrowserWindow.created[0]!.options;
    expect(options).toMatchObject({
      show: false,
      webPreferences: { partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, plugins: true },
    });
    expect(options['webPreferences']).not.toHaveProperty('preload');
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
  });

  it('shows the PDF in the print window and opens the print dialog', async () => {
    await expect(printPdf(deps({ success: true, reason: '' }), pdf)).resolves.toEqual({ ok: true, value: null });
    expect(windows).toHaveLength(1);
    const w = windows[0]!;
    expect(w.loaded).toMatch(/receipt\.pdf$/);
    expect(w.loadedBytes).toEqual(pdf);
    expect(w.printOptions).toEqual({ silent: false, printBackground: true });
  });

  it('closes the window and removes the temp file afterwards', async () => {
    await printPdf(deps({ success: true, reason: '' }), pdf);
    expect(windows[0]!.destroyed).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });

  it('treats a cancelled dialog as ok and a failed print as print.failed', async () => {
    await expect(printPdf(deps({ success: false, reason: 'cancelled' }), pdf)).resolves.toEqual({ ok: true, value: null });
    await expect(printPdf(deps({ success: false, reason: 'failed' }), pdf)).resolves.toEqual({ ok: false, code: PRINT_PDF_FAILED });
  });

  it('answers print.failed and still cleans up when the PDF cannot be shown', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(printPdf(deps('load-fails'), pdf)).resolves.toEqual({ ok: false, code: PRINT_PDF_FAILED });
    expect(windows[0]!.destroyed).toBe(true);
    expect(await readdir(root)).toEqual([]);
    spy.mockRestore();
  });
});
