/**
 * Headers on every response. The CSP matches the renderer's needs: antd's
 * CSS-in-JS injects <style> (style-src 'unsafe-inline'); nothing else is
 * inline or remote. The one frame: a receipt PDF printed from a hidden
 * iframe showing a blob: URL the page made itself (frame-src blob:;
 * src/renderer/platform/web-print-pdf.ts). Other sites still cannot frame us
 * (frame-ancestors 'none').
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The Electron client loads its UI from app:// and calls this server
 * cross-origin, so API routes answer CORS for app:// origins only. Browser
 * (web host) mode is same-origin and needs no CORS.
 */
export function isAllowedCorsOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && /^app:\/\/[a-z0-9.-]*$/i.test(origin);
}
