import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { Session } from 'electron';
import { applySessionSecurity, buildContentSecurityPolicy, EXTERNAL_URL_ALLOWLIST, hardenWebContents } from '../../src/main/security';
import { FakeWebContents, navigationEvent } from './fakes';

const HOSTILE = [
  'http://example.invalid/',
  'https://evil.example/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,hi',
  'app://other-host/index.html',
  'app://../',
  'about:blank',
];

function hardened(): FakeWebContents {
  const contents = new FakeWebContents(1);
  hardenWebContents(contents.asWebContents());
  return contents;
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses every URL outside app://shebao', (eventName) => {
    const contents = hardened();
    for (const url of HOSTILE) {
      const event = navigationEvent(url);
      contents.emit(eventName, event, url);
      expect(event.prevented, url).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: lets our own origin through (reload, entry page)', (eventName) => {
    const contents = hardened();
    const event = navigationEvent('app://shebao/index.html');
    contents.emit(eventName, event, event.url);
    expect(event.prevented).toBe(false);
  });

  it('denies every new window, our own origin included', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of [...HOSTILE, 'app://shebao/index.html', 'https://www.gov.cn/']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(EXTERNAL_URL_ALLOWLIST).toEqual([]);
  });

  it('refuses to attach a webview', () => {
    const contents = hardened();
    const event = navigationEvent('app://shebao/');
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.prevented).toBe(true);
  });
});

describe('applySessionSecurity', () => {
  type HeadersListener = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders: Record<string, string | string[]> }) => void,
  ) => void;

  function fakeSession() {
    const recorded = {
      request: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
      check: null as null | ((...args: unknown[]) => boolean),
      device: null as null | ((...args: unknown[]) => boolean),
      headers: null as null | HeadersListener,
    };
    const ses = {
      setPermissionRequestHandler: (h: typeof recorded.request) => (recorded.request = h),
      setPermissionCheckHandler: (h: typeof recorded.check) => (recorded.check = h),
      setDevicePermissionHandler: (h: typeof recorded.device) => (recorded.device = h),
      webRequest: { onHeadersReceived: (h: HeadersListener) => (recorded.headers = h) },
    };
    applySessionSecurity(ses as unknown as Session, () => 'CSP-VALUE');
    return recorded;
  }

  it('denies every permission request and check', () => {
    const recorded = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      const callback = vi.fn();
      recorded.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(recorded.check!({}, permission, 'app://shebao', {})).toBe(false);
    }
    expect(recorded.device!({ deviceType: 'usb', origin: 'app://shebao' })).toBe(false);
  });

  it('replaces any CSP header on responses with ours and keeps the other headers', () => {
    const recorded = fakeSession();
    const callback = vi.fn();
    recorded.headers!(
      { responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['CSP-VALUE'] },
    });
  });
});

describe('buildContentSecurityPolicy', () => {
  it('is strict and lets the page talk only to itself and the sync server origin', () => {
    const csp = buildContentSecurityPolicy('https://sync.example.cn:8443/api/base');
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("img-src 'self' data:");
    expect(directives.get('connect-src')).toBe("connect-src 'self' https://sync.example.cn:8443");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('uses the default local server', () => {
    expect(buildContentSecurityPolicy('http://127.0.0.1:8080')).toContain("connect-src 'self' http://127.0.0.1:8080;");
  });
});
