import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStartArgs } from '../../src/server/cli-args';

describe('cli arguments', () => {
  it('has the documented defaults', () => {
    expect(parseStartArgs(['start'])).toEqual({ port: 8080, host: '127.0.0.1', dataDir: undefined, staticDir: undefined, assetsDir: undefined, demo: true, electron: true });
  });

  it('reads every flag', () => {
    expect(parseStartArgs(['start', '--port', '0', '--host', '0.0.0.0', '--data-dir', 'd', '--static-dir', 's', '--no-demo', '--no-electron'])).toEqual({
      port: 0, host: '0.0.0.0', dataDir: 'd', staticDir: resolve('s'), demo: false, electron: false,
    });
  });

  it('refuses bad input with a readable message', () => {
    expect(() => parseStartArgs(['start', '--port', '70000'])).toThrow(/--port/);
    expect(() => parseStartArgs(['serve'])).toThrow(/Usage/);
    expect(() => parseStartArgs(['start', '--bogus'])).toThrow();
  });
});

describe('cli start (real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-cli-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its PGlite dir, seeds, serves health, and exits 0 on SIGINT', async () => {
    const dataDir = join(dir, 'pglite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'start', '--port', '0', '--data-dir', dataDir, '--no-electron'], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Shebao Station server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m && out.includes('enrolment code 200002')) resolve(m[1]!);
      });
      child.once('exit', (code) => {
        reject(new Error(`exited ${String(code)}: ${out}`));
      });
    });
    expect(existsSync(dataDir)).toBe(true);
    expect(out.match(/listening on/g)).toHaveLength(1);
    expect(out).toContain('Demo station HX01');
    expect(out).toContain('300 people');
    const health = await fetch(`${url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ ok: true, protocol: 1 });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
