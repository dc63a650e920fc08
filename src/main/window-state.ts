/**
 * Remembers the main window's bounds and maximised state between runs
 * (window-state.json in userData). The file is validated on read: a corrupt
 * or hostile file gives the defaults, never a crash, and bounds are restored
 * only if enough of the window would be visible on a display that exists now
 * (a monitor may have been unplugged since).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rect;
  readonly isMaximized: boolean;
}

/** What the window is created with: a position only when it was found visible. */
export interface InitialWindowPlacement {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
  readonly isMaximized: boolean;
}

export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
const MAX_SIDE = 16_384;
const COORD_LIMIT = 100_000;
const MAX_STATE_BYTES = 16 * 1024;
/** At least this much of the title bar must lie on a display to count as visible. */
const MIN_VISIBLE_WIDTH = 100;
const MIN_VISIBLE_HEIGHT = 40;

const coord = z.number().int().min(-COORD_LIMIT).max(COORD_LIMIT);
const side = z.number().int().min(1).max(MAX_SIDE);
const windowStateSchema = z.object({
  bounds: z.object({ x: coord, y: coord, width: side, height: side }),
  isMaximized: z.boolean(),
});

export function parseWindowState(text: string): WindowState | null {
  if (text.length > MAX_STATE_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Synchronous on purpose: it runs in the window's 'close' handler, and the
 * app may quit right after; an async write could be cut off. Atomic via a
 * temporary file and rename.
 */
export function writeWindowStateSync(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { encoding: 'utf8', mode: 0o600 });
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when the window's top strip (where the title bar is) overlaps one display's work area enough to grab it. */
export function isVisibleOnSomeDisplay(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE_HEIGHT) };
  return workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && o.height >= Math.min(MIN_VISIBLE_HEIGHT, bounds.height);
  });
}

export function initialPlacement(state: WindowState | null, workAreas: readonly Rect[]): InitialWindowPlacement {
  if (state === null) return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, isMaximized: false };
  const width = Math.max(MIN_WIDTH, state.bounds.width);
  const height = Math.max(MIN_HEIGHT, state.bounds.height);
  const bounds = { ...state.bounds, width, height };
  // Saved on a display that is gone: keep only the maximised flag.
  if (!isVisibleOnSomeDisplay(bounds, workAreas)) return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, isMaximized: state.isMaximized };
  return { x: bounds.x, y: bounds.y, width, height, isMaximized: state.isMaximized };
}
