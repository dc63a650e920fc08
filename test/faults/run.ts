import { parseArgs } from 'node:util';
import { runSeed } from './random';
import { runScenario } from './scenario';
import { buildServer, removeTemplate } from './server-process';

/**
 * `npm run faults -- --runs N [--seed S] [--max-actions K]`: N randomized
 * fault runs in sequence. Run i uses seed S for i = 0 and a seed derived
 * from S after that, so `--runs 1 --seed <printed seed>` repeats a run.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    seed: { type: 'string' },
    'max-actions': { type: 'string', default: '14' },
  },
});
const runs = Number(values.runs);
const base = values.seed === undefined ? Date.now() >>> 0 : Number(values.seed);
const maxActions = Number(values['max-actions']);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(base) || base < 0 || !Number.isInteger(maxActions) || maxActions < 4) {
  console.error('usage: npm run faults -- --runs N [--seed S] [--max-actions K>=4]');
  process.exit(2);
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

await buildServer();
const started = Date.now();
let passed = 0;
const failed: number[] = [];
console.log(`faults: ${String(runs)} runs from seed ${String(base)}`);
for (let i = 0; i < runs; i++) {
  const seed = i === 0 ? base : runSeed(base, i);
  const r = await runScenario(seed, { maxActions });
  const s = r.stats;
  const line = `run ${String(i + 1)}/${String(runs)} seed ${String(seed)}: ${r.ok ? 'ok' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s, ${String(r.log.length)} steps, (setup ${(r.phaseMs.setup / 1000).toFixed(1)} steps ${(r.phaseMs.steps / 1000).toFixed(1)} heal ${(r.phaseMs.heal / 1000).toFixed(1)} s, ${String(r.healRounds)} rounds); proxy conns ${String(s.connections)} refused ${String(s.refused)} resets ${String(s.resets)} drops ${String(s.drops)}`;
  console.log(line);
  if (r.ok) passed++;
  else {
    failed.push(seed);
    console.log(`  reproduce: npm run faults -- --runs 1 --seed ${String(seed)} --max-actions ${String(maxActions)}`);
    for (const v of r.violations) console.log(`  ✗ ${v}`);
    console.log('  action log:');
    for (const l of r.log) console.log(`    ${l}`);
    if (r.dataDir) console.log(`  server data kept in ${r.dataDir}`);
    const errors = r.serverLog.split('\n').filter((l) => /error|fail/i.test(l));
    if (errors.length > 0) console.log(`  server errors:\n    ${errors.slice(-10).join('\n    ')}`);
  }
}
removeTemplate();
const seconds = (Date.now() - started) / 1000;
if (stray > 0) console.log(`unawaited rejections inside the data layer: ${String(stray)} (${[...strayKinds].map(([k, n]) => `${String(n)}× ${k}`).join('; ')})`);
console.log(`${String(passed)} passed, ${String(failed.length)} failed in ${seconds.toFixed(0)} s (${(seconds / runs).toFixed(1)} s/run)${failed.length > 0 ? `; failing seeds: ${failed.join(' ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
