import { parseArgs } from 'node:util';
import { runSeed } from './random';
import { runScenario, type ClockFault, type RunResult } from './scenario';
import { buildServer, freePort, freshDataDir, removeDataDir, removeTemplate, ServerProcess } from './server-process';
import { runWorkers } from './workers';

/**
 * `npm run faults -- --runs N [--seed S] [--max-actions K] [--clock C] [--short] [--workers W] [--log]`:
 * N randomized fault runs. Run i uses seed S for i = 0 and a seed derived
 * from S after that, so `--runs 1 --seed <printed seed>` repeats a run.
 * --short: one server per process kept across runs (a run does not pay a
 * server start; SIGKILLs still restart it) — the
 * mode of `npm run test:faults`. --workers W: W processes share the runs
 * (RxDB's open-collection cap is per process; 2 devices need 12 of 13).
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    seed: { type: 'string' },
    'max-actions': { type: 'string', default: '14' },
    clock: { type: 'string', default: 'random' },
    log: { type: 'boolean', default: false },
    short: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
    /** Internal: this process is worker j of W and runs the indices i ≡ j (mod W). */
    'worker-index': { type: 'string' },
  },
});
const runs = Number(values.runs);
const base = values.seed === undefined ? Date.now() >>> 0 : Number(values.seed);
const maxActions = Number(values['max-actions']);
const workers = Number(values.workers);
const CLOCKS: readonly string[] = ['random', 'ahead', 'behind', 'none'] satisfies ClockFault[];
const clock = values.clock as ClockFault;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(base) || base < 0 || !Number.isInteger(maxActions) || maxActions < 4
  || !CLOCKS.includes(clock) || !Number.isInteger(workers) || workers < 1) {
  console.error('usage: npm run faults -- --runs N [--seed S] [--max-actions K>=4] [--clock random|ahead|behind|none] [--short] [--workers W] [--log]');
  process.exit(2);
}
const workerIndex = values['worker-index'] === undefined ? null : Number(values['worker-index']);
const short = values.short;
const reproduce = (seed: number): string =>
  `npm run faults -- --runs 1 --seed ${String(seed)} --max-actions ${String(maxActions)} --clock ${clock}${short ? ' --short' : ''}`;

if (workers > 1 && workerIndex === null) {
  const started = Date.now();
  console.log(`faults: ${String(runs)} runs from seed ${String(base)} in ${String(workers)} worker processes${short ? ' (short)' : ''}`);
  const summary = await runWorkers(workers, process.argv.slice(2));
  const seconds = (Date.now() - started) / 1000;
  console.log(`${String(summary.passed)} passed, ${String(summary.failed.length)} failed in ${seconds.toFixed(0)} s (${(seconds / runs).toFixed(2)} s/run wall, ${String(workers)} workers)${summary.failed.length > 0 ? `; failing seeds: ${summary.failed.join(' ')}` : ''}`);
  process.exit(summary.failed.length > 0 || summary.passed !== runs ? 1 : 0);
}

// The data layer's own background work (replication retries after a reload,
// a write cut by closing its database) may reject with no one awaiting; that
// is part of what is injected. It is counted and shown, never fatal: the
// invariants decide whether anything was lost.
let stray = 0;
const strayKinds = new Map<string, number>();
process.on('unhandledRejection', (reason) => {
  stray++;
  const kind = reason instanceof Error ? `${reason.name}: ${reason.message.slice(0, 80)}` : String(reason).slice(0, 80);
  strayKinds.set(kind, (strayKinds.get(kind) ?? 0) + 1);
});

function report(i: number, r: RunResult): void {
  const s = r.stats;
  console.log(`run ${String(i + 1)}/${String(runs)} seed ${String(r.seed)}: ${r.ok ? 'ok' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s, ${String(r.log.length)} steps, (setup ${(r.phaseMs.setup / 1000).toFixed(1)} steps ${(r.phaseMs.steps / 1000).toFixed(1)} heal ${(r.phaseMs.heal / 1000).toFixed(1)} s, ${String(r.healRounds)} rounds); proxy conns ${String(s.connections)} refused ${String(s.refused)} resets ${String(s.resets)} drops ${String(s.drops)}${r.clockFault ? `; ${r.clockFault.device} clock ${r.clockFault.offsetMs > 0 ? '+' : '-'}1y` : ''}${r.refusals.length > 0 ? `; refused ${r.refusals.join(' ')}` : ''}`);
  if (r.ok && values.log) for (const l of r.log) console.log(`    ${l}`);
  if (r.ok) return;
  console.log(`  reproduce: ${reproduce(r.seed)}`);
  for (const v of r.violations) console.log(`  ✗ ${v}`);
  console.log('  action log:');
  for (const l of r.log) console.log(`    ${l}`);
  if (r.dataDir) console.log(`  server data kept in ${r.dataDir}`);
  const errors = r.serverLog.split('\n').filter((l) => /error|fail/i.test(l));
  if (errors.length > 0) console.log(`  server errors:\n    ${errors.slice(-10).join('\n    ')}`);
}

await buildServer();
const started = Date.now();
let passed = 0;
const failed: number[] = [];
const mine = Array.from({ length: runs }, (_, i) => i).filter((i) => workerIndex === null || i % workers === workerIndex);
if (workerIndex === null) console.log(`faults: ${String(runs)} runs from seed ${String(base)}${short ? ' (short)' : ''}`);
// Short runs share one server per process (its own copy of the template).
const server = short ? new ServerProcess(await freePort(), await freshDataDir(`shared-${String(workerIndex ?? 0)}`)) : undefined;
// Stopped from outside (a parent killed, Ctrl-C): take the shared server down too.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => { void (server?.stop('SIGKILL') ?? Promise.resolve()).finally(() => process.exit(130)); });
}
for (const i of mine) {
  const seed = i === 0 ? base : runSeed(base, i);
  const r = await runScenario(seed, { maxActions, clock, ...(server ? { server } : {}) });
  report(i, r);
  if (r.ok) passed++;
  else failed.push(seed);
  // A worker's result line for the parent (workers.ts).
  if (workerIndex !== null) console.log(`FAULTS-RESULT ${JSON.stringify({ seed, ok: r.ok })}`);
}
if (server) {
  await server.stop('SIGKILL');
  if (failed.length === 0) removeDataDir(server.dataDir);
  else console.log(`  shared server data kept in ${server.dataDir}`);
}
removeTemplate();
const seconds = (Date.now() - started) / 1000;
if (stray > 0) console.log(`unawaited rejections inside the data layer: ${String(stray)} (${[...strayKinds].map(([k, n]) => `${String(n)}× ${k}`).join('; ')})`);
if (workerIndex === null) console.log(`${String(passed)} passed, ${String(failed.length)} failed in ${seconds.toFixed(0)} s (${(seconds / runs).toFixed(1)} s/run)${failed.length > 0 ? `; failing seeds: ${failed.join(' ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
