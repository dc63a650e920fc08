import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, SESSION_PARTITION } from '../../src/main/app-origin';
import { isNavigationAllowed } from '../../src/main/security';

const HOSTILE_URLS = [
  'file:///etc/passwd',
  'file://shebao/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://evil.example/',
  'https://evil.example/app://shebao/',
  'http://shebao/index.html',
  'app://../',
  'app://../etc/passwd',
  'app://other-host/index.html',
  'app://shebao.evil/index.html',
  'app://evil.shebao/index.html',
  'app://shebao:8080/index.html',
  'app://user:pass@shebao/index.html',
  'app://user@shebao/index.html',
  'app:/shebao/index.html',
  'app:shebao/index.html',
  'app://%73hebao/index.html',
  'app://shebao\\..\\..\\etc\\passwd',
  'app:\\\\shebao\\index.html',
  'app://shebao/index.html\0.js',
  'app://shebao\0/index.html',
  'blob:app://shebao/1234',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'ftp://shebao/index.html',
  '',
  'not a url',
  `app://shebao/${'a'.repeat(9000)}`,
];

describe('app origin allowlist', () => {
  it('has the fixed origin and partition the rest of the system relies on', () => {
    expect(APP_ORIGIN).toBe('app://shebao');
    expect(APP_ENTRY_URL).toBe('app://shebao/index.html');
    expect(SESSION_PARTITION).toBe('persist:shebao-station');
  });

  it.each(['app://shebao/', 'app://shebao/index.html', 'app://shebao/persons/p0123?tab=history#top', 'app://shebao/assets/index-abc.js'])(
    'accepts our own URL %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
      expect(isNavigationAllowed(url)).toBe(true);
    },
  );

  it.each(HOSTILE_URLS)('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isNavigationAllowed(url)).toBe(false);
  });
});
