/**
 * The app:// scheme that serves the built renderer (dist/renderer). Used
 * instead of file:// so that the UI has a real, narrow origin: file:// pages
 * can read any local file and share one opaque origin with every other file.
 */
import { protocol, type Session } from 'electron';
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Must run before app 'ready'. Only the privileges the UI needs:
 * standard (relative URLs, an origin, IndexedDB), secure (a secure context,
 * so navigator.storage.persist and crypto.subtle work), supportFetchAPI (the
 * UI fetches its own static data). corsEnabled stays off: nothing
 * cross-origin may read app:// responses, and same-origin module scripts
 * load without it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Maps an app:// URL to a file path inside `root`, or null when the URL is
 * not ours or tries to leave the root. Each path segment is decoded on its
 * own so an encoded slash (%2f), backslash, NUL or dot-dot can never become a
 * separator or a parent reference after decoding.
 */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return null;
  }
  const segments: string[] = [];
  for (const encoded of url.pathname.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  const absoluteRoot = path.resolve(root);
  const resolved = segments.length === 0 ? path.join(absoluteRoot, 'index.html') : path.resolve(absoluteRoot, ...segments);
  return isInside(absoluteRoot, resolved) ? resolved : null;
}

export interface AppProtocolOptions {
  /** Directory holding the built renderer (index.html + assets). */
  readonly root: string;
  /** Read per response, so a changed server URL takes effect on the next load. */
  readonly contentSecurityPolicy: () => string;
}

/**
 * True when the root lies inside an asar archive (the packaged app). Such a
 * root is read-only content made by our build, and Electron's asar layer is
 * the one place where realpath support has wavered across versions, so the
 * symlink check below is applied to on-disk roots (development) only.
 */
function isInsideAsar(root: string): boolean {
  return root.split(path.sep).some((segment) => segment.endsWith('.asar'));
}

async function readInsideRoot(root: string, filePath: string): Promise<Buffer | null> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    if (isInsideAsar(root)) return await readFile(filePath);
    // A symlink inside dist/renderer must not lead outside it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(filePath)]);
    if (!isInside(realRoot, realFile)) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * The protocol.handle handler. GET/HEAD only; traversal → 403; a missing path
 * without a file extension is a client-side route → index.html (SPA
 * fallback); a missing asset → 404. Every response carries the CSP.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return textResponse(403, 'Forbidden');
    let served = filePath;
    let body = await readInsideRoot(root, filePath);
    if (body === null && path.extname(filePath) === '') {
      served = path.join(root, 'index.html');
      body = await readInsideRoot(root, served);
    }
    if (body === null) return textResponse(404, 'Not Found');
    const headers = {
      'content-type': mimeTypeFor(served),
      'content-security-policy': options.contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Serves the renderer on the given session (the window's partition, not the default session). */
export function serveAppProtocol(ses: Session, options: AppProtocolOptions): void {
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
