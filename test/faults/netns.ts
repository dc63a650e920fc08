import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runScenario } from './scenario';
import { buildServer, freshDataDir, removeDataDir, removeTemplate, ServerProcess } from './server-process';

/**
 * `npm run faults:netns [-- --seed S]` (issue 5 §7): one fault run over a
 * link shaped by the kernel instead of the user-space proxy alone. The
 * server runs in its own network namespace behind a veth pair; both ends
 * get `tc … tbf rate 256kbit burst 32kbit latency 400ms`, and nftables in
 * the namespace drops 5% of the packets each way (numgen random), so TCP's
 * own retransmission and congestion control are what the client meets.
 * Only our own namespace and veth pair are touched; deleting the namespace
 * removes both ends. Needs root (CI runs as root): where `ip netns add`
 * fails it prints "skipped: network namespaces not permitted here" and
 * exits 0.
 */
const { values } = parseArgs({ options: { seed: { type: 'string' } } });
const seed = values.seed === undefined ? Date.now() >>> 0 : Number(values.seed);
const tag = String(process.pid % 100_000);
const NS = `shebao-faults-${tag}`;
const HOST_IF = `shbf${tag}h`;
const NS_IF = `shbf${tag}n`;
// A /30 in 10.213.0.0/16 picked by pid: two concurrent runs do not collide.
const net = (process.pid % 16_000) * 4;
const HOST_IP = `10.213.${String(Math.floor(net / 256))}.${String((net % 256) + 1)}`;
const NS_IP = `10.213.${String(Math.floor(net / 256))}.${String((net % 256) + 2)}`;
const SHAPE = ['root', 'tbf', 'rate', '256kbit', 'burst', '32kbit', 'latency', '400ms'];

const run = (cmd: string, args: readonly string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const inNs = (cmd: string, args: readonly string[]): string => run('ip', ['netns', 'exec', NS, cmd, ...args]);
const errText = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e));

try {
  run('ip', ['netns', 'add', NS]);
} catch (e) {
  console.log(`faults:netns skipped: network namespaces not permitted here (ip netns add: ${errText(e)})`);
  process.exit(0);
}
let code = 1;
try {
  try {
    run('nft', ['--version']);
  } catch {
    throw new Error('nft (nftables) is not installed: apt-get install -y nftables');
  }
  run('ip', ['link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF]);
  run('ip', ['link', 'set', NS_IF, 'netns', NS]);
  run('ip', ['addr', 'add', `${HOST_IP}/30`, 'dev', HOST_IF]);
  run('ip', ['link', 'set', HOST_IF, 'up']);
  inNs('ip', ['addr', 'add', `${NS_IP}/30`, 'dev', NS_IF]);
  inNs('ip', ['link', 'set', NS_IF, 'up']);
  inNs('ip', ['link', 'set', 'lo', 'up']);
  run('tc', ['qdisc', 'add', 'dev', HOST_IF, ...SHAPE]);
  inNs('tc', ['qdisc', 'add', 'dev', NS_IF, ...SHAPE]);
  inNs('nft', ['add', 'table', 'inet', 'shebao_faults']);
  for (const [chain, hook] of [['in', 'input'], ['out', 'output']] as const) {
    inNs('nft', ['add', 'chain', 'inet', 'shebao_faults', chain, `{ type filter hook ${hook} priority 0 ; policy accept ; }`]);
    inNs('nft', ['add', 'rule', 'inet', 'shebao_faults', chain, 'iifname', 'lo', 'accept']);
    inNs('nft', ['add', 'rule', 'inet', 'shebao_faults', chain, 'numgen', 'random', 'mod', '100', '<', '5', 'drop']);
  }
  console.log(`faults:netns: server in namespace ${NS} at ${NS_IP}, link ${SHAPE.slice(1).join(' ')} both ways, nftables drops 5% each way`);

  await buildServer();
  const server = new ServerProcess(18_080, await freshDataDir(`netns-${String(seed)}`), NS_IP, ['ip', 'netns', 'exec', NS]);
  // The proxy's own faults still come on top (resets, link down, replays); no clock fault here.
  const r = await runScenario(seed, { server, clock: 'none', maxActions: 10, healBudgetMs: 180_000 });
  await server.stop('SIGKILL');
  console.log(`faults:netns seed ${String(seed)}: ${r.ok ? 'ok' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s (setup ${(r.phaseMs.setup / 1000).toFixed(1)} steps ${(r.phaseMs.steps / 1000).toFixed(1)} heal ${(r.phaseMs.heal / 1000).toFixed(1)} s, ${String(r.healRounds)} rounds)`);
  if (!r.ok) {
    console.log(`  reproduce: npm run faults:netns -- --seed ${String(seed)}`);
    for (const v of r.violations) console.log(`  ✗ ${v}`);
    for (const l of r.log) console.log(`    ${l}`);
    console.log(`  server data kept in ${server.dataDir}`);
  } else removeDataDir(server.dataDir);
  const counters = inNs('nft', ['list', 'table', 'inet', 'shebao_faults']);
  console.log(`faults:netns nft rules present: ${String((counters.match(/numgen random mod 100 < 5 drop/g) ?? []).length)}`);
  code = r.ok ? 0 : 1;
} catch (e) {
  console.log(`faults:netns FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  // Deleting the namespace removes the veth pair (both ends) and its qdiscs and rules.
  try { run('ip', ['netns', 'del', NS]); } catch (e) { console.log(`could not delete namespace ${NS}: ${errText(e)}`); }
  try { run('ip', ['link', 'del', HOST_IF]); } catch { /* already gone with the namespace */ }
  removeTemplate();
}
process.exit(code);
