import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildServer, templateDir } from './server-process';

const RUN_TS = fileURLToPath(new URL('./run.ts', import.meta.url));

/**
 * Runs the series in `count` worker processes (run.ts --worker-index j):
 * the parent bundles the server and makes the data-directory template
 * once, the workers reuse both (FAULTS_SERVER_BUILT, FAULTS_TEMPLATE).
 * A worker's run lines and failure reports are printed as they come,
 * prefixed with its number; RxDB's console noise (stderr) is shown only
 * when a worker dies without reporting all its runs.
 */
export async function runWorkers(count: number, args: readonly string[]): Promise<{ passed: number; failed: number[] }> {
  await buildServer();
  const template = await templateDir();
  let passed = 0;
  const failed: number[] = [];
  const forward = args.filter((a, i) => a !== '--workers' && args[i - 1] !== '--workers');
  const children: Array<{ kill(): boolean }> = [];
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => { for (const c of children) c.kill(); process.exit(130); });
  await Promise.all(Array.from({ length: count }, (_, j) => new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUN_TS, ...forward, '--workers', String(count), '--worker-index', String(j)], {
      env: { ...process.env, FAULTS_SERVER_BUILT: '1', FAULTS_TEMPLATE: template },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-6000); });
    const lines = createInterface({ input: child.stdout });
    let reported = 0;
    lines.on('line', (line) => {
      const result = /^FAULTS-RESULT (.*)$/.exec(line)?.[1];
      if (result === undefined) {
        if (line.trim() !== '') console.log(`[w${String(j)}] ${line}`);
        return;
      }
      reported++;
      const r = JSON.parse(result) as { seed: number; ok: boolean };
      if (r.ok) passed++;
      else failed.push(r.seed);
    });
    child.once('exit', (code) => {
      if (code !== 0 && code !== 1) console.log(`[w${String(j)}] worker exited with ${String(code)} after ${String(reported)} runs; its stderr:\n${stderr}`);
      resolve();
    });
  })));
  rmSync(template, { recursive: true, force: true });
  return { passed, failed };
}
