import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { ConfigStore, DEFAULT_SERVER_URL, parseServerUrl, readConfigFile, resolveServerUrl } from '../../src/main/config';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shebao-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseServerUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://sync.example.cn/', 'https://sync.example.cn'],
    ['  https://sync.example.cn/base//  ', 'https://sync.example.cn/base'],
    ['HTTP://Sync.Example.CN:80/', 'http://sync.example.cn'],
  ])('accepts %s as %s', (input, expected) => {
    expect(parseServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,x',
    'ftp://sync.example.cn',
    'app://shebao/',
    'ws://sync.example.cn',
    'http://user:secret@sync.example.cn',
    'https://user@sync.example.cn',
    'https://sync.example.cn/?token=1',
    'https://sync.example.cn/#x',
    'sync.example.cn',
    '',
    '   ',
    `https://sync.example.cn/${'a'.repeat(2100)}`,
  ])('refuses %s', (input) => {
    expect(parseServerUrl(input)).toEqual({ ok: false, code: 'serverUrl.invalid' });
  });
});

describe('server URL precedence', () => {
  it('prefers env, then the saved value, then the default; invalid values are skipped', () => {
    expect(resolveServerUrl('http://env.example:1', { serverUrl: 'http://saved.example' })).toBe('http://env.example:1');
    expect(resolveServerUrl(undefined, { serverUrl: 'http://saved.example' })).toBe('http://saved.example');
    expect(resolveServerUrl('javascript:alert(1)', { serverUrl: 'http://saved.example' })).toBe('http://saved.example');
    expect(resolveServerUrl(undefined, { serverUrl: 'file:///x' })).toBe(DEFAULT_SERVER_URL);
    expect(resolveServerUrl(undefined, {})).toBe('http://127.0.0.1:8080');
  });
});

describe('ConfigStore', () => {
  it('saves a valid URL to config.json and reads it back in a new store', async () => {
    const file = path.join(dir, 'nested', 'config.json');
    const store = new ConfigStore(file, undefined);
    await store.load();
    expect(store.serverUrl()).toBe(DEFAULT_SERVER_URL);
    expect(await store.saveServerUrl('https://sync.example.cn/')).toEqual({ ok: true, value: null });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ serverUrl: 'https://sync.example.cn' });
    const again = new ConfigStore(file, undefined);
    await again.load();
    expect(again.serverUrl()).toBe('https://sync.example.cn');
  });

  it('refuses an invalid URL and leaves the file untouched', async () => {
    const file = path.join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ serverUrl: 'http://kept.example' }));
    const store = new ConfigStore(file, undefined);
    await store.load();
    expect(await store.saveServerUrl('file:///etc/passwd')).toEqual({ ok: false, code: 'serverUrl.invalid' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ serverUrl: 'http://kept.example' });
    expect(store.serverUrl()).toBe('http://kept.example');
  });

  it('keeps the env URL in effect after a save', async () => {
    const store = new ConfigStore(path.join(dir, 'config.json'), 'http://127.0.0.1:9999');
    await store.load();
    await store.saveServerUrl('https://sync.example.cn');
    expect(store.serverUrl()).toBe('http://127.0.0.1:9999');
  });

  it.each([
    ['corrupt JSON', '{"serverUrl": '],
    ['wrong type', '{"serverUrl": 42}'],
    ['an array', '[1,2,3]'],
    ['null', 'null'],
    ['prototype pollution', '{"__proto__": {"serverUrl": "http://evil.example"}}'],
    ['a huge file', `{"x": "${'a'.repeat(70_000)}"}`],
  ])('reads %s as an empty config', async (_label, text) => {
    const file = path.join(dir, 'config.json');
    await writeFile(file, text);
    expect(await readConfigFile(file)).toEqual({});
    expect(({} as Record<string, unknown>)['serverUrl']).toBeUndefined();
  });

  it('reads a missing file as an empty config', async () => {
    expect(await readConfigFile(path.join(dir, 'absent.json'))).toEqual({});
  });
});
