import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { BrowserWindow } from 'electron';
import { claimSingleInstance, type SingleInstanceApp } from '../../src/main/single-instance';

function fakeApp(gotLock: boolean) {
  const listeners = new Map<string, () => void>();
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
  };
  return { app, listeners, asApp: app as unknown as SingleInstanceApp };
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window = {
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { calls, window: window as unknown as BrowserWindow };
}

describe('claimSingleInstance', () => {
  it('a second instance quits at once and registers nothing', () => {
    const { app, listeners, asApp } = fakeApp(false);
    expect(claimSingleInstance(asApp, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });

  it('the first instance keeps running and brings its window forward when another starts', () => {
    const { app, listeners, asApp } = fakeApp(true);
    const { calls, window } = fakeWindow(true);
    expect(claimSingleInstance(asApp, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    listeners.get('second-instance')!();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does not restore a window that is not minimised', () => {
    const { listeners, asApp } = fakeApp(true);
    const { calls, window } = fakeWindow(false);
    claimSingleInstance(asApp, () => window);
    listeners.get('second-instance')!();
    expect(calls).toEqual(['show', 'focus']);
  });

  it('copes with a second launch before the window exists', () => {
    const { listeners, asApp } = fakeApp(true);
    claimSingleInstance(asApp, () => null);
    expect(() => {
      listeners.get('second-instance')!();
    }).not.toThrow();
  });
});
