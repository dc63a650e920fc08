/**
 * Security policy of the shell: the CSP, navigation and window-open denial,
 * webview denial, and a deny-all permission handler. Applied to every
 * webContents through app 'web-contents-created', not only to our window, so
 * nothing created later (devtools, a future dialog) escapes it.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The page's Content-Security-Policy. connect-src allows our own origin and
 * the sync server only; 'unsafe-inline' for styles because antd injects its
 * CSS-in-JS as <style> elements; no inline or remote script at all.
 */
export function buildContentSecurityPolicy(serverUrl: string): string {
  const serverOrigin = new URL(serverUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${serverOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Navigation is allowed only within our own app:// origin (e.g. a reload); everything else is refused. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Links to the outside world. Empty on purpose: the station UI links to
 * nothing outside. Adding an origin here is a reviewed decision (ADR 004),
 * and then such links go to shell.openExternal, never to a new window.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [];

export function hardenWebContents(contents: WebContents): void {
  const denyUnlessApp = (event: { readonly url: string; preventDefault: () => void }): void => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', denyUnlessApp);
  contents.on('will-frame-navigate', denyUnlessApp);
  contents.on('will-redirect', denyUnlessApp);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Session-wide policy: every permission request and check is refused (the
 * UI needs no camera, geolocation, notifications, ...), and the CSP header
 * is set on every response as a second line behind the protocol handler's.
 */
export function applySessionSecurity(ses: Session, contentSecurityPolicy: () => string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy()];
    callback({ responseHeaders });
  });
}
