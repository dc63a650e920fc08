import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.mock('electron', () => ({}));

import type { WebContents } from 'electron';
import { createHandle, IPC_ERROR, isTrustedSender } from '../../src/main/ipc/handle';
import { FakeIpcMain, FakeWebContents, invokeEvent, mainFrame } from './fakes';

const ours = new FakeWebContents(7);
const trusted = (): WebContents | null => ours.asWebContents();
const good = invokeEvent(ours, mainFrame('app://shebao/index.html'));

describe('isTrustedSender', () => {
  it('trusts the main frame of our window on app://shebao', () => {
    expect(isTrustedSender(good, trusted)).toBe(true);
    expect(isTrustedSender(invokeEvent(ours, mainFrame('app://shebao/persons/p1?x#y')), trusted)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///home/user/evil.html',
    'data:text/html,x',
    'about:blank',
    'app://other-host/index.html',
    'app://shebao.evil/index.html',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses our main frame showing a foreign URL %s', (url) => {
    expect(isTrustedSender(invokeEvent(ours, mainFrame(url)), trusted)).toBe(false);
  });

  it('refuses a subframe, even one on app://shebao', () => {
    const parent = mainFrame('app://shebao/index.html');
    expect(isTrustedSender(invokeEvent(ours, { url: 'app://shebao/frame.html', parent }), trusted)).toBe(false);
    expect(isTrustedSender(invokeEvent(ours, { url: 'https://evil.example/', parent }), trusted)).toBe(false);
  });

  it('refuses a destroyed frame, another webContents, and any sender before the window exists', () => {
    expect(isTrustedSender(invokeEvent(ours, null), trusted)).toBe(false);
    expect(isTrustedSender(invokeEvent(new FakeWebContents(8), mainFrame('app://shebao/index.html')), trusted)).toBe(false);
    expect(isTrustedSender(good, () => null)).toBe(false);
  });
});

describe('handle()', () => {
  function setUp(fn = vi.fn(() => Promise.resolve({ ok: true as const, value: null }))) {
    const ipc = new FakeIpcMain();
    const handle = createHandle(ipc, trusted);
    handle('app:set-server-url', z.strictObject({ url: z.string().max(20) }), fn);
    return { ipc, fn };
  }

  it('passes a valid request from a trusted sender to the handler', async () => {
    const { ipc, fn } = setUp();
    await expect(ipc.invoke('app:set-server-url', good, { url: 'http://a' })).resolves.toEqual({ ok: true, value: null });
    expect(fn).toHaveBeenCalledWith({ url: 'http://a' }, good);
  });

  it('answers forbidden to a foreign sender and never runs the handler', async () => {
    const { ipc, fn } = setUp();
    const foreign = invokeEvent(ours, mainFrame('https://evil.example/'));
    await expect(ipc.invoke('app:set-server-url', foreign, { url: 'http://a' })).resolves.toEqual({ ok: false, code: IPC_ERROR.forbidden });
    const subframe = invokeEvent(ours, { url: 'app://shebao/', parent: mainFrame('app://shebao/') });
    await expect(ipc.invoke('app:set-server-url', subframe, { url: 'http://a' })).resolves.toEqual({ ok: false, code: IPC_ERROR.forbidden });
    expect(fn).not.toHaveBeenCalled();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'http://a'],
    ['a wrong type', { url: 42 }],
    ['an oversized string', { url: 'h'.repeat(21) }],
    ['an unknown key', { url: 'http://a', extra: true }],
    ['an array', [{ url: 'http://a' }]],
  ])('answers invalidInput to %s and never runs the handler', async (_label, payload) => {
    const { ipc, fn } = setUp();
    await expect(ipc.invoke('app:set-server-url', good, payload)).resolves.toEqual({ ok: false, code: IPC_ERROR.invalidInput });
    expect(fn).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into { ok: false, code: ipc.internal }', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { ipc } = setUp(vi.fn(() => Promise.reject(new Error('disk on fire'))));
    await expect(ipc.invoke('app:set-server-url', good, { url: 'http://a' })).resolves.toEqual({ ok: false, code: IPC_ERROR.internal });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
