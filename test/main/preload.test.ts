import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn((channel: string) => Promise.resolve({ ok: true, value: channel })) },
}));
vi.mock('electron', () => electron);

await import('../../src/main/preload');

function exposed(): Record<string, unknown> {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(name).toBe('shebao');
  return api;
}

const fn = (api: Record<string, unknown>, name: string) => api[name] as (...args: unknown[]) => Promise<unknown>;

describe('preload', () => {
  it('exposes exactly the named functions of PreloadApi as window.shebao', () => {
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual(['getAppInfo', 'printPage', 'printPdf', 'saveFile', 'setServerUrl']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('maps each function to its one channel and payload', async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockClear();
    await fn(api, 'getAppInfo')();
    await fn(api, 'setServerUrl')('https://sync.example.cn');
    await fn(api, 'printPage')();
    await fn(api, 'printPdf')({ pdfBase64: 'JVBERi0x', extra: 1 });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['app:get-info', null],
      ['app:set-server-url', { url: 'https://sync.example.cn' }],
      ['print:page', { silent: false }],
      // Only the contract's field crosses: main refuses unknown keys.
      ['print:pdf', { pdfBase64: 'JVBERi0x' }],
    ]);
  });

  it('returns what main answered', async () => {
    const api = exposed();
    await expect(fn(api, 'getAppInfo')()).resolves.toEqual({ ok: true, value: 'app:get-info' });
  });

  it('forwards only the contract fields of a save request', async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockClear();
    const request = { suggestedName: 'a.csv', content: 'x', base64: false, filters: [{ name: 'CSV', extensions: ['csv'], extra: 1 }], path: '/etc/passwd' };
    await fn(api, 'saveFile')(request);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('file:save', {
      suggestedName: 'a.csv',
      content: 'x',
      base64: false,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });
});
