import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPublishPack, type CliIo } from '../../src/server/publish-pack-cli';
import { startServer, type RunningServer } from '../../src/server/server-main';
import type { PackDoc } from '../../src/shared/policy/pack-doc';
import { verifyPack } from '../../src/shared/policy/pack-signing';
import { openFreshPostgres, pgUrl } from './helpers/db-variants';
import { enrol, pullAll, SHIPPED_PACK_DIR } from './helpers/fixture';
import { tianjinRevision } from './helpers/packs';

const dir = mkdtempSync(join(tmpdir(), 'shebao-publish-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function packFile(name: string, pack: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(pack, null, 2));
  return file;
}

function captureIo(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

const start = (opts: { dataDir?: string; databaseUrl?: string }): Promise<RunningServer> =>
  startServer({ port: 0, host: '127.0.0.1', demo: true, demoPeople: 0, policyPackDir: SHIPPED_PACK_DIR, packWatchMs: 0, ...opts });

/** Runs the built-from-source CLI as operators do (tsx instead of the bundle). */
function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'publish-pack', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

async function pulledPacks(server: RunningServer): Promise<{ docs: PackDoc[]; keys: { keyId: string; publicKeyHex: string }[] }> {
  const device = await enrol(server.app, 'HX01', 'publish test');
  return { docs: await pullAll<PackDoc>(server.app, device.token, 'packs'), keys: [...(device.policyKeys ?? [])] };
}

describe('publish-pack on PGlite (server stopped, as documented)', () => {
  const dataDir = join(dir, 'pglite');
  const env = { DATABASE_URL: '', SHEBAO_PACK_SIGNING_KEY: '' };

  it('keeps the signing key across restarts and seeds the shipped packs once', async () => {
    const first = await start({ dataDir });
    await first.close();
    const second = await start({ dataDir });
    await second.close();
    expect(first.signingKey.origin).toBe('database');
    expect(second.signingKey).toEqual(first.signingKey);
    expect(first.packs?.published).toHaveLength(6);
    expect(second.packs).toMatchObject({ published: [], differing: [] });
    expect(second.packs?.present).toHaveLength(6);
  });

  it('publishes through the command function, refusing invalid and existing packs with nothing stored', async () => {
    const ok = captureIo();
    expect(await runPublishPack([packFile('tj-2025.2.json', tianjinRevision('2025.2')), '--data-dir', dataDir], env, ok)).toBe(0);
    expect(ok.outLines).toEqual(['120000:2025.2']);

    const bad = tianjinRevision('2025.9');
    delete bad.baseCeiling;
    const invalid = captureIo();
    expect(await runPublishPack([packFile('bad.json', bad), '--data-dir', dataDir], env, invalid)).toBe(1);
    expect(invalid.errLines.join('\n')).toMatch(/^pack\.schema: .* at baseCeiling: .*nothing stored$/);
    expect(invalid.outLines).toEqual([]);

    const again = captureIo();
    expect(await runPublishPack([packFile('tj-2025.2-again.json', tianjinRevision('2025.2')), '--data-dir', dataDir], env, again)).toBe(1);
    expect(again.errLines.join('\n')).toContain('pack.versionExists: 120000:2025.2 is already published');

    const notJson = captureIo();
    writeFileSync(join(dir, 'broken.json'), '{ "format": 1,');
    expect(await runPublishPack([join(dir, 'broken.json'), '--data-dir', dataDir], env, notJson)).toBe(1);
    expect(notJson.errLines.join('')).toMatch(/^pack\.json: /);
    expect(await runPublishPack([], env, captureIo())).toBe(2);
  });

  it('publishes through a real child process; the next start serves every version, verified', async () => {
    const published = await runChild([packFile('tj-2025.3.json', tianjinRevision('2025.3')), '--data-dir', dataDir], env);
    expect(published).toMatchObject({ code: 0, stdout: '120000:2025.3\n' });
    const refused = await runChild([packFile('tj-2025.3-again.json', tianjinRevision('2025.3')), '--data-dir', dataDir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pack.versionExists');

    const server = await start({ dataDir });
    try {
      const { docs, keys } = await pulledPacks(server);
      expect(docs.map((d) => d.id).sort()).toEqual(['120000:2024.1', '120000:2025.1', '120000:2025.2', '120000:2025.3']);
      for (const d of docs) expect(verifyPack(d.signed, keys).ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(pgUrl !== '')('publish-pack on PostgreSQL (server running)', () => {
  it('stores a version that the running server’s next pull returns', async () => {
    const pg = await openFreshPostgres(2);
    const server = await start({ databaseUrl: pg.url });
    try {
      const io = captureIo();
      expect(await runPublishPack([packFile('pg-2025.2.json', tianjinRevision('2025.2'))], { DATABASE_URL: pg.url }, io)).toBe(0);
      expect(io.outLines).toEqual(['120000:2025.2']);
      const { docs, keys } = await pulledPacks(server);
      const fresh = docs.find((d) => d.id === '120000:2025.2');
      expect(fresh).toBeDefined();
      expect(verifyPack(fresh?.signed, keys)).toMatchObject({ ok: true, value: { version: '2025.2', effectiveFrom: '2025-07' } });
    } finally {
      await server.close();
      await pg.dispose();
    }
  });
});
