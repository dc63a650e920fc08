/**
 * The one origin the UI is served from. Everything that decides trust
 * (navigation, IPC senders, the protocol handler) compares against these, so
 * they live in one place.
 */
export const APP_SCHEME = 'app';
/** A fixed host makes app:// a proper origin (`app://shebao`) for storage and CSP. */
export const APP_HOST = 'shebao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The persistent session partition; its name fixes where IndexedDB lives on disk, so never rename it. */
export const SESSION_PARTITION = 'persist:shebao-station';

/**
 * True only for URLs of our own UI: scheme app:, host exactly APP_HOST, no
 * credentials, no port. Anything unparsable is false.
 */
export function isAppUrl(raw: string): boolean {
  if (raw.length > 8192 || raw.includes('\0') || raw.includes('\\')) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
