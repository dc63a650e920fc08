/**
 * Finds the Electron executable without `require('electron')`: that module,
 * when its binary is missing, starts downloading one, and this machine (like
 * many CI runners) has no network for that. Honours Electron's own
 * ELECTRON_OVERRIDE_DIST_PATH. Returns null when there is no binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ELECTRON_SKIP_MESSAGE = 'Electron e2e skipped: no Electron binary on this machine';

export function findElectronBinary(root: string = process.cwd()): string | null {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  let candidate: string | null = null;
  if (override !== undefined && override !== '') candidate = path.join(override, relative ?? 'electron');
  else if (relative !== null && relative !== '') candidate = path.join(packageDir, 'dist', relative);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

/**
 * Prints the skip line once per test run: the config and the spec are both
 * loaded by the runner (and again by workers, which inherit the env flag).
 */
export function announceSkip(): void {
  if (process.env['SHEBAO_ELECTRON_SKIP_LOGGED'] === '1') return;
  process.env['SHEBAO_ELECTRON_SKIP_LOGGED'] = '1';
  console.log(ELECTRON_SKIP_MESSAGE);
}
