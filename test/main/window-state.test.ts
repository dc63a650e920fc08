import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  initialPlacement,
  isVisibleOnSomeDisplay,
  parseWindowState,
  readWindowState,
  writeWindowStateSync,
} from '../../src/main/window-state';

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };
const GOOD = { bounds: { x: 100, y: 80, width: 1300, height: 850 }, isMaximized: true };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shebao-winstate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseWindowState', () => {
  it('accepts a well-formed state', () => {
    expect(parseWindowState(JSON.stringify(GOOD))).toEqual(GOOD);
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"bounds": {"x": 1'],
    ['not an object', '"hello"'],
    ['null', 'null'],
    ['array', '[]'],
    ['missing bounds', '{"isMaximized": false}'],
    ['string numbers', '{"bounds":{"x":"1","y":"2","width":"800","height":"600"},"isMaximized":false}'],
    ['fractional', '{"bounds":{"x":1.5,"y":2,"width":800,"height":600},"isMaximized":false}'],
    ['zero width', '{"bounds":{"x":1,"y":2,"width":0,"height":600},"isMaximized":false}'],
    ['negative height', '{"bounds":{"x":1,"y":2,"width":800,"height":-5},"isMaximized":false}'],
    ['absurd size', '{"bounds":{"x":1,"y":2,"width":1e9,"height":600},"isMaximized":false}'],
    ['absurd position', '{"bounds":{"x":-1e12,"y":2,"width":800,"height":600},"isMaximized":false}'],
    ['maximized as string', '{"bounds":{"x":1,"y":2,"width":800,"height":600},"isMaximized":"yes"}'],
    ['prototype pollution', '{"__proto__":{"isMaximized":true},"bounds":{"x":1,"y":2,"width":800,"height":600}}'],
    ['oversized', JSON.stringify({ ...GOOD, pad: 'x'.repeat(20_000) })],
  ])('returns null for %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull();
    expect(({} as Record<string, unknown>)['isMaximized']).toBeUndefined();
  });
});

describe('readWindowState / writeWindowStateSync', () => {
  it('round-trips through the file', async () => {
    const file = path.join(dir, 'sub', 'window-state.json');
    writeWindowStateSync(file, GOOD);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(GOOD);
    expect(await readWindowState(file)).toEqual(GOOD);
  });

  it('gives null for a missing, corrupt or binary file', async () => {
    expect(await readWindowState(path.join(dir, 'absent.json'))).toBeNull();
    const file = path.join(dir, 'window-state.json');
    await writeFile(file, Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
    expect(await readWindowState(file)).toBeNull();
    expect(await readWindowState(dir)).toBeNull();
  });
});

describe('visibility', () => {
  it('counts a window as visible when its title bar lies on a display', () => {
    expect(isVisibleOnSomeDisplay({ x: 100, y: 100, width: 800, height: 600 }, [PRIMARY])).toBe(true);
    expect(isVisibleOnSomeDisplay({ x: 1800, y: 100, width: 800, height: 600 }, [PRIMARY])).toBe(true);
  });

  it('does not count a window on an unplugged monitor or with only a sliver showing', () => {
    expect(isVisibleOnSomeDisplay({ x: 2000, y: 100, width: 800, height: 600 }, [PRIMARY])).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: 1900, y: 100, width: 800, height: 600 }, [PRIMARY])).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: 100, y: 1030, width: 800, height: 600 }, [PRIMARY])).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: 100, y: 100, width: 800, height: 600 }, [])).toBe(false);
  });

  it('finds the window on a second display', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    expect(isVisibleOnSomeDisplay({ x: 2000, y: 100, width: 800, height: 600 }, [PRIMARY, second])).toBe(true);
  });
});

describe('initialPlacement', () => {
  it('uses defaults without a saved state', () => {
    expect(initialPlacement(null, [PRIMARY])).toEqual({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, isMaximized: false });
  });

  it('restores a visible saved state', () => {
    expect(initialPlacement(GOOD, [PRIMARY])).toEqual({ x: 100, y: 80, width: 1300, height: 850, isMaximized: true });
  });

  it('drops the position and size of a window saved on a display that is gone', () => {
    const placement = initialPlacement({ bounds: { x: 3000, y: 80, width: 1300, height: 850 }, isMaximized: false }, [PRIMARY]);
    expect(placement).toEqual({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, isMaximized: false });
  });

  it('never restores a window smaller than the minimum', () => {
    const placement = initialPlacement({ bounds: { x: 10, y: 10, width: 50, height: 20 }, isMaximized: false }, [PRIMARY]);
    expect(placement.width).toBeGreaterThanOrEqual(960);
    expect(placement.height).toBeGreaterThanOrEqual(600);
  });
});
