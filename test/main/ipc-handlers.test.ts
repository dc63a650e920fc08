import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { BrowserWindow } from 'electron';
import { ConfigStore } from '../../src/main/config';
import { createHandle } from '../../src/main/ipc/handle';
import { HANDLER_ERROR, registerIpcHandlers } from '../../src/main/ipc/handlers';
import { MAX_PRINT_PDF_LENGTH, MAX_SAVE_CONTENT_LENGTH } from '../../src/main/ipc/schemas';
import type { IpcChannel, IpcContract } from '../../src/shared/ipc';
import { FakeIpcMain, FakeWebContents, invokeEvent, mainFrame } from './fakes';

const CONTRACT_CHANNELS: readonly IpcChannel[] = ['app:get-info', 'app:set-server-url', 'print:page', 'print:pdf', 'file:save'] satisfies ReadonlyArray<keyof IpcContract>;

let dir: string;
let ipc: FakeIpcMain;
let config: ConfigStore;
let printResult: { success: boolean; reason: string };
let saveChoice: { canceled: boolean; filePath: string };
let windowPresent: boolean;
const contents = new FakeWebContents(3);
const showSaveDialog = vi.fn();
const print = vi.fn();
const printPdf = vi.fn();
const event = invokeEvent(contents, mainFrame('app://shebao/index.html'));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shebao-ipc-'));
  config = new ConfigStore(path.join(dir, 'config.json'), undefined);
  await config.load();
  printResult = { success: true, reason: '' };
  saveChoice = { canceled: false, filePath: path.join(dir, 'export.csv') };
  windowPresent = true;
  showSaveDialog.mockReset().mockImplementation(() => Promise.resolve(saveChoice));
  print.mockReset().mockImplementation((_options: unknown, callback: (success: boolean, reason: string) => void) => {
    callback(printResult.success, printResult.reason);
  });
  printPdf.mockReset().mockImplementation(() => Promise.resolve({ ok: true, value: null }));
  const window = { webContents: Object.assign(contents, { print }) } as unknown as BrowserWindow;
  ipc = new FakeIpcMain();
  registerIpcHandlers(createHandle(ipc, () => (windowPresent ? contents.asWebContents() : null)), {
    appVersion: '0.1.0',
    platform: 'linux',
    config,
    mainWindow: () => (windowPresent ? window : null),
    dialog: { showSaveDialog },
    printPdf,
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const call = (channel: IpcChannel, payload: unknown): Promise<unknown> => ipc.invoke(channel, event, payload);

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...CONTRACT_CHANNELS].sort());
  });
});

describe('app:get-info and app:set-server-url', () => {
  it('reports version, platform and the server URL in effect', async () => {
    await expect(call('app:get-info', null)).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', serverUrl: 'http://127.0.0.1:8080' },
    });
  });

  it('saves an http(s) URL and reports it afterwards', async () => {
    await expect(call('app:set-server-url', { url: 'https://sync.example.cn/' })).resolves.toEqual({ ok: true, value: null });
    await expect(call('app:get-info', null)).resolves.toMatchObject({ value: { serverUrl: 'https://sync.example.cn' } });
    expect(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'))).toEqual({ serverUrl: 'https://sync.example.cn' });
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://sync.example.cn', 'https://admin:pw@sync.example.cn', 'not a url'])(
    'refuses %s with serverUrl.invalid and keeps the old URL',
    async (url) => {
      await expect(call('app:set-server-url', { url })).resolves.toEqual({ ok: false, code: 'serverUrl.invalid' });
      await expect(call('app:get-info', null)).resolves.toMatchObject({ value: { serverUrl: 'http://127.0.0.1:8080' } });
    },
  );

  it.each([[{ url: 'h'.repeat(3000) }], [{ url: 8080 }], [{}], ['http://x'], [{ url: 'http://x', port: 1 }]])(
    'refuses the malformed payload %j before it reaches the config',
    async (payload) => {
      await expect(call('app:set-server-url', payload)).resolves.toEqual({ ok: false, code: 'ipc.invalidInput' });
    },
  );

  it('refuses get-info with a payload other than null', async () => {
    await expect(call('app:get-info', { x: 1 })).resolves.toEqual({ ok: false, code: 'ipc.invalidInput' });
  });
});

describe('print:page', () => {
  it('opens the print dialog (not silent) and answers ok', async () => {
    await expect(call('print:page', { silent: false })).resolves.toEqual({ ok: true, value: null });
    expect(print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
  });

  it('treats a cancelled dialog as ok and a failure as print.failed', async () => {
    printResult = { success: false, reason: 'cancelled' };
    await expect(call('print:page', { silent: false })).resolves.toEqual({ ok: true, value: null });
    printResult = { success: false, reason: 'failed' };
    await expect(call('print:page', { silent: false })).resolves.toEqual({ ok: false, code: HANDLER_ERROR.printFailed });
  });

  it('refuses silent printing', async () => {
    await expect(call('print:page', { silent: true })).resolves.toEqual({ ok: false, code: 'ipc.invalidInput' });
    expect(print).not.toHaveBeenCalled();
  });
});

describe('print:pdf', () => {
  const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');

  it('hands the decoded PDF bytes to the printer and returns its answer', async () => {
    await expect(call('print:pdf', { pdfBase64: pdf.toString('base64') })).resolves.toEqual({ ok: true, value: null });
    expect(printPdf).toHaveBeenCalledTimes(1);
    expect(Buffer.from(printPdf.mock.calls[0]![0] as Uint8Array)).toEqual(pdf);
    printPdf.mockImplementation(() => Promise.resolve({ ok: false, code: 'print.failed' }));
    await expect(call('print:pdf', { pdfBase64: pdf.toString('base64') })).resolves.toEqual({ ok: false, code: 'print.failed' });
  });

  it.each([
    ['HTML instead of a PDF', { pdfBase64: Buffer.from('<html><script>x</script></html>').toString('base64') }],
    ['text that is not base64', { pdfBase64: 'JVBERi0x not base64!' }],
    ['an empty PDF', { pdfBase64: '' }],
    ['an extra key', { pdfBase64: pdf.toString('base64'), path: '/etc/passwd' }],
    ['bytes instead of base64', { pdfBase64: [37, 80, 68, 70] }],
    ['a PDF over the size cap', { pdfBase64: `JVBERi0x${'A'.repeat(MAX_PRINT_PDF_LENGTH)}` }],
  ])('refuses %s without printing', async (_label, payload) => {
    await expect(call('print:pdf', payload)).resolves.toEqual({ ok: false, code: 'ipc.invalidInput' });
    expect(printPdf).not.toHaveBeenCalled();
  });

  it('answers forbidden to a subframe', async () => {
    const sub = invokeEvent(contents, { url: 'app://shebao/index.html', parent: mainFrame('app://shebao/index.html') });
    await expect(ipc.invoke('print:pdf', sub, { pdfBase64: pdf.toString('base64') })).resolves.toEqual({ ok: false, code: 'ipc.forbidden' });
    expect(printPdf).not.toHaveBeenCalled();
  });
});

describe('file:save', () => {
  const request = { suggestedName: '参保人员.csv', content: '姓名,证件号码\n张三,110101199003074514\n', base64: false, filters: [{ name: 'CSV', extensions: ['csv'] }] };

  it('asks where to save and writes the text there', async () => {
    await expect(call('file:save', request)).resolves.toEqual({ ok: true, value: saveChoice.filePath });
    expect(showSaveDialog).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ defaultPath: '参保人员.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }));
    expect(await readFile(saveChoice.filePath, 'utf8')).toBe(request.content);
  });

  it('decodes base64 content to bytes', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const result = await call('file:save', { ...request, suggestedName: 'receipt.pdf', content: bytes.toString('base64'), base64: true });
    expect(result).toEqual({ ok: true, value: saveChoice.filePath });
    expect(await readFile(saveChoice.filePath)).toEqual(bytes);
  });

  it('answers null when the user cancels, writing nothing', async () => {
    saveChoice = { canceled: true, filePath: '' };
    await expect(call('file:save', request)).resolves.toEqual({ ok: true, value: null });
  });

  it('answers file.writeFailed when the path cannot be written', async () => {
    saveChoice = { canceled: false, filePath: path.join(dir, 'no-such-dir', 'x.csv') };
    await expect(call('file:save', request)).resolves.toEqual({ ok: false, code: HANDLER_ERROR.writeFailed });
  });

  it.each([
    ['a path as name', { ...request, suggestedName: '../../.bashrc' }],
    ['a backslash path as name', { ...request, suggestedName: '..\\evil.bat' }],
    ['a NUL in the name', { ...request, suggestedName: 'a\0.csv' }],
    ['an empty name', { ...request, suggestedName: '' }],
    ['content that is not base64', { ...request, base64: true, content: 'not base64!' }],
    ['content of the wrong type', { ...request, content: 42 }],
    ['an odd filter', { ...request, filters: [{ name: 'x', extensions: ['../csv'] }] }],
    ['an extra key', { ...request, path: '/etc/passwd' }],
    ['a missing key', { suggestedName: 'a.csv', content: 'x', base64: false }],
  ])('refuses %s without opening a dialog', async (_label, payload) => {
    await expect(call('file:save', payload)).resolves.toEqual({ ok: false, code: 'ipc.invalidInput' });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses content over the size cap', async () => {
    await expect(call('file:save', { ...request, content: 'a'.repeat(MAX_SAVE_CONTENT_LENGTH + 1) })).resolves.toEqual({
      ok: false,
      code: 'ipc.invalidInput',
    });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('answers forbidden once the window is gone', async () => {
    windowPresent = false;
    await expect(call('file:save', request)).resolves.toEqual({ ok: false, code: 'ipc.forbidden' });
  });
});
