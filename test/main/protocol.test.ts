import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}));
vi.mock('electron', () => electron);

import { createAppProtocolHandler, mimeTypeFor, registerAppScheme, resolveAppPath, serveAppProtocol } from '../../src/main/protocol';

const CSP = "default-src 'self'; script-src 'self'";
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'shebao-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>station</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'style.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const handler = (): ((request: Request) => Promise<Response>) => createAppProtocolHandler({ root, contentSecurityPolicy: () => CSP });
/** The handler reads only method and url; a plain object lets a test send a URL no Request would normalise. */
const rawRequest = (url: string, method = 'GET'): Request => ({ url, method }) as unknown as Request;

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure with fetch, and nothing more', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('resolveAppPath', () => {
  it('maps our URLs to files inside the root', () => {
    expect(resolveAppPath(root, 'app://shebao/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://shebao/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://shebao/assets/a%20b.js?x=1#h')).toBe(path.join(root, 'assets', 'a b.js'));
  });

  it.each([
    'app://shebao/..%2f..%2fsecret.txt',
    'app://shebao/%2e%2e%2fsecret.txt',
    'app://shebao/assets%2f..%2f..%2fsecret.txt',
    'app://shebao/..%5c..%5csecret.txt',
    'app://shebao/..\\..\\secret.txt',
    'app://shebao/index.html%00.js',
    'app://shebao/%252e%252e/%e0%a4%a',
    'app://shebao/C:%5cWindows%5cwin.ini',
    'app://shebao/..%2frenderer-evil/x.js',
    'app://../secret.txt',
    'app://other-host/index.html',
    'app://shebao:1/index.html',
    'app://u:p@shebao/index.html',
    'file:///etc/passwd',
    'http://shebao/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps literal dot segments inside the root (the URL parser removes them first)', () => {
    expect(resolveAppPath(root, 'app://shebao/../../../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://shebao/%2e%2e/%2E%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://shebao/%2e%2e')).toBe(path.join(root, 'index.html'));
  });
});

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP, MIME type and nosniff', async () => {
    const response = await handler()(new Request('app://shebao/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>station</title>');
  });

  it('serves assets with their MIME types', async () => {
    const js = await handler()(new Request('app://shebao/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const css = await handler()(new Request('app://shebao/assets/style.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const font = await handler()(new Request('app://shebao/assets/font.woff2'));
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('falls back to index.html for client-side routes but not for missing assets', async () => {
    const route = await handler()(new Request('app://shebao/persons/p0123'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>station</title>');
    const missing = await handler()(new Request('app://shebao/assets/missing.js'));
    expect(missing.status).toBe(404);
  });

  it.each(['app://shebao/..%2f..%2fsecret.txt', 'app://shebao/..%5csecret.txt', 'app://shebao/..\\secret.txt', 'app://evil/index.html', 'app://shebao/x%00'])(
    'refuses traversal %s with 403 and no file content',
    async (url) => {
      const response = await handler()(rawRequest(url));
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('TOP SECRET');
    },
  );

  it('does not follow a symlink out of the root', async () => {
    const response = await handler()(new Request('app://shebao/assets/link.txt'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('serves from a root inside app.asar (the packaged layout) and still refuses traversal there', async () => {
    const asarRoot = path.join(base, 'resources', 'app.asar', 'dist', 'renderer');
    await mkdir(asarRoot, { recursive: true });
    await writeFile(path.join(asarRoot, 'index.html'), '<title>packaged</title>');
    const packaged = createAppProtocolHandler({ root: asarRoot, contentSecurityPolicy: () => CSP });
    const response = await packaged(new Request('app://shebao/persons'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<title>packaged</title>');
    expect((await packaged(rawRequest('app://shebao/..%2f..%2f..%2f..%2fsecret.txt'))).status).toBe(403);
  });

  it('does not treat a sibling directory with the same prefix as inside', async () => {
    const response = await handler()(rawRequest('app://shebao/..%2frenderer-evil/x.js'));
    expect(response.status).toBe(403);
  });

  it('answers only GET and HEAD', async () => {
    expect((await handler()(rawRequest('app://shebao/index.html', 'POST'))).status).toBe(405);
    const head = await handler()(new Request('app://shebao/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reads the CSP per response, so a changed server URL applies on the next load', async () => {
    let csp = 'first';
    const live = createAppProtocolHandler({ root, contentSecurityPolicy: () => csp });
    expect((await live(new Request('app://shebao/'))).headers.get('content-security-policy')).toBe('first');
    csp = 'second';
    expect((await live(new Request('app://shebao/'))).headers.get('content-security-policy')).toBe('second');
  });

  it('is installed on the given session, not globally', () => {
    const handle = vi.fn();
    serveAppProtocol({ protocol: { handle } } as unknown as Electron.Session, { root, contentSecurityPolicy: () => CSP });
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('mimeTypeFor', () => {
  it('knows the types Vite emits and falls back to octet-stream', () => {
    expect(mimeTypeFor('a.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
  });
});
