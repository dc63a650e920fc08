import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Path of the Electron binary, or null. The `electron` npm package exports
 * that path, but since Electron 42 its index.js DOWNLOADS the binary when
 * it is missing (network at start-up, a 'Downloading Electron binary…'
 * line and a long wait offline). So first check, without requiring it,
 * that its path.txt names an existing binary; only then require it, which
 * is side-effect free in that case.
 */
export function findElectronBinary(): string | null {
  const requireHere = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(requireHere.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : null;
  if (candidate === null || !existsSync(candidate)) return null;
  try {
    const p: unknown = requireHere('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Starts the desktop client against this server (SHEBAO_SERVER_URL). */
export function launchElectron(binary: string, mainScript: string, serverUrl: string): ChildProcess {
  return spawn(binary, [mainScript], {
    stdio: 'inherit',
    env: { ...process.env, SHEBAO_SERVER_URL: serverUrl },
  });
}
