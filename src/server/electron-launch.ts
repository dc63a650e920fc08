import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Path of the Electron binary, or null. The `electron` npm package exports
 * that path; it throws when its postinstall did not download a binary
 * (this machine, CI), and the path may also point at nothing.
 */
export function findElectronBinary(): string | null {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
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
