import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * scripts/check-electron.mjs must fail `npm test` on any HIGH
 * electronegativity finding (issue 6 §7, ADR 020): fed reports and a
 * scanned directory with a known HIGH finding, it must exit non-zero.
 */
const SCRIPT = fileURLToPath(new URL('../../scripts/check-electron.mjs', import.meta.url));

function check(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
let dir = '';
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// Each case starts Node and, for scans, the scanner: seconds each on a busy machine.
describe('check-electron gate', { timeout: 60_000 }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-electron-'));
  });

  it('fails on a HIGH finding in a CSV report (the electronegativity CLI format)', () => {
    const csv = file('high.csv', `${CSV_HEADER}\nNODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main.js","3:20","nodeIntegration: true","Disable nodeIntegration, please",https://x\n`);
    const r = check('--report', csv);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('HIGH 1');
    expect(r.out).toContain('check-electron: FAILED');
  });

  it('passes a CSV with only reviewed lower findings, quoted commas and newlines included', () => {
    const csv = file('ok.csv', `${CSV_HEADER}\nPRELOAD_JS_CHECK,"MEDIUM","TENTATIVE","window.ts","36:6","preload: x, y","Review the use of\npreload scripts",https://x\n`);
    const r = check('--report', csv);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('HIGH 0, MEDIUM 1');
  });

  it('fails on a HIGH finding in a SARIF report, and on a SARIF that carries no severity', () => {
    const sarif = (props: object | undefined, level: string): string =>
      JSON.stringify({ version: '2.1.0', runs: [{ results: [{ ruleId: 'CONTEXT_ISOLATION_JS_CHECK', level, message: { text: 'x' }, ...(props ? { properties: props } : {}) }] }] });
    const high = check('--report', file('high.sarif', sarif({ severity: 'HIGH' }, 'warning')));
    expect(high.status, high.out).toBe(1);
    expect(high.out).toContain('HIGH 1');
    const low = check('--report', file('low.sarif', sarif({ severity: 'LOW' }, 'warning')));
    expect(low.status, low.out).toBe(0);
    // The CLI's own SARIF says only note/warning: a HIGH finding could hide in it, so it is refused.
    const blind = check('--report', file('blind.sarif', sarif(undefined, 'warning')));
    expect(blind.status, blind.out).toBe(1);
    expect(blind.out).toContain('no severity');
  });

  it('fails on a file that is not a report at all', () => {
    const r = check('--report', file('junk.csv', 'a,b\n1,2\n'));
    expect(r.status).toBe(1);
  });

  it('scans a directory with nodeIntegration on and context isolation off, and fails', { timeout: 120_000 }, () => {
    const src = mkdtempSync(join(dir, 'app-'));
    writeFileSync(
      join(src, 'main.js'),
      "const { BrowserWindow } = require('electron');\nconst w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\nw.loadURL('http://example.com');\n",
    );
    const r = check('--input', src, '--scan-only');
    expect(r.status, r.out).toBe(1);
    expect(r.out).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(r.out).toContain('check-electron: FAILED');
  });

  it('passes the real src/main (zero HIGH findings)', { timeout: 120_000 }, () => {
    const r = check('--scan-only');
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('HIGH 0');
  });
});
