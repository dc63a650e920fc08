/**
 * `npm run bench`: every benchmark in sequence, figures printed as tables.
 * Targets are reported as met / not met, never asserted; the exit code is
 * non-zero only when a benchmark crashes.
 *
 * Environment:
 *   BENCH_PEOPLE=5000        people in the client store and on the server (default 100000)
 *   BENCH_SERVER_PEOPLE=N    server pull only (default BENCH_PEOPLE)
 *   BENCH_LOOKUPS=N          timed look-ups per search kind (default 200)
 *   BENCH_SKIP_BUILD=1       reuse dist/renderer-bench and dist/server
 *   BENCH_PAYMENTS=N         payments in the payment benchmark (default 1000)
 *   BENCH_ONLY=client|payments|server  run one of them
 */
import { mb, ms, percentiles, printTable } from './bench-stats';
import { BENCH_RENDERER_DIR, benchClientSearch, buildForBench, type ClientBenchResult, type HeapSample } from './client-search';
import { benchClientPayments, type PaymentBenchResult } from './client-payments';
import { benchServerPull, type ServerPullResult } from './server-pull';

const FIND_P95_TARGET_MS = 20;
const COMMIT_P95_TARGET_MS = 50;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');
const opt = (v: number | null): string => (v === null ? 'n/a' : ms(v));
const heapRow = (label: string, h: HeapSample): string[] => [label, mb(h.used), mb(h.total), mb(h.usedAfterGc)];

function printClient(r: ClientBenchResult): string[] {
  const targets: string[] = [];
  printTable(`Client benchmark: ${String(r.people)} people in Chromium (RxDB on Dexie/IndexedDB, production build --mode bench)`, ['measure', 'value'], [
    ['generate + validate (zod) in Node', `${r.generateSeconds.toFixed(1)} s`],
    ['bulkInsert time in page', `${(r.insertMs / 1000).toFixed(1)} s`],
    ['insert rate (bulkInsert)', `${Math.round((r.people / r.insertMs) * 1000)} docs/s`],
    ['insert rate (incl. transfer to page)', `${Math.round((r.people / r.insertWallMs) * 1000)} docs/s`],
    ['persons.count()', String(r.dataLayer.count)],
    ['persons.listIds() x3', r.dataLayer.listIdsMs.map(ms).join(', ')],
    ['persons.getMany(100) mid-list', ms(r.dataLayer.getMany100Ms)],
  ]);

  printTable('Search: DataApi.persons.search(q, 50), sequential, after 10 warm-up look-ups', ['query', 'n', 'p50', 'p95', 'max', 'mean', 'found', 'avg results', `p95 < ${String(FIND_P95_TARGET_MS)} ms`], r.searches.map((s) => {
    const p = percentiles(s.run.times);
    const met = p.p95 < FIND_P95_TARGET_MS;
    targets.push(`find by ${s.label}: p95 ${ms(p.p95)} < ${String(FIND_P95_TARGET_MS)} ms: ${verdict(met)}`);
    return [s.label, String(p.n), ms(p.p50), ms(p.p95), ms(p.max), ms(p.mean), `${String(s.run.hits)}/${String(p.n)}`, s.run.meanResults.toFixed(1), verdict(met)];
  }));

  printTable('Persons list (#/persons), fresh page loads; times since navigation start', ['load', 'FCP', 'data layer open', 'listIds start', 'listIds end', 'first row (skeleton)', 'first row with name', 'painted'], r.loads.map((l, i) => [
    String(i + 1), opt(l.fcp), opt(l.dataReady), opt(l.listIdsStart), opt(l.listIdsEnd), opt(l.firstRow), opt(l.firstNamedRow), opt(l.firstNamedRowPainted),
  ]));

  printTable(`Jump scroll to row ${String(r.scroll.target)} (${r.scroll.name}); times since scrollTop was set`, ['measure', 'value'], [
    ['row in DOM (skeleton)', ms(r.scroll.rowMs)],
    ['row shows the right name', ms(r.scroll.namedMs)],
    ['next frame painted', ms(r.scroll.paintedMs)],
  ]);

  printTable('Page memory (CDP Performance.getMetrics)', ['when', 'JSHeapUsedSize', 'JSHeapTotalSize', 'used after GC'], [
    heapRow('after load (list shown)', r.heapAfterLoad),
    heapRow('after scroll to middle', r.heapAfterScroll),
  ]);
  if (r.pageErrors.length > 0) console.log(`\nPage errors (${String(r.pageErrors.length)}): ${r.pageErrors.slice(0, 5).join(' | ')}`);
  return targets;
}

function printPayments(r: PaymentBenchResult): string[] {
  const p = percentiles(r.commitMs);
  const firstHalf = percentiles(r.commitMs.slice(0, Math.floor(r.commitMs.length / 2)));
  const secondHalf = percentiles(r.commitMs.slice(Math.floor(r.commitMs.length / 2)));
  printTable(`Payments: ${String(r.payments)} x DataApi.payments.take() (the form's save) in Chromium, receipt blocks leased by the server`, ['measure', 'value'], [
    ['commit p50 / p95 / max', `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.max)}`],
    ['commit mean', ms(p.mean)],
    ['p95 first half / second half', `${ms(firstHalf.p95)} / ${ms(secondHalf.p95)}`],
    ['syncs to lease receipt blocks (untimed)', String(r.leaseSyncs)],
    ['payment document, JSON bytes (mean)', r.docJsonBytes.toFixed(0)],
    ['IndexedDB usage growth per payment (doc + audit event + indexes)', r.storageBytesPerPayment === null ? 'n/a' : r.storageBytesPerPayment.toFixed(0)],
    ['push body bytes per payment (JSON / gzip)', `${r.pushBytesPerDoc.toFixed(0)} / ${r.pushGzipBytesPerDoc.toFixed(0)}`],
    ['pull bytes per payment (gzip on the wire / JSON)', `${r.pullWireBytesPerDoc.toFixed(0)} / ${r.pullJsonBytesPerDoc.toFixed(0)}`],
  ]);
  if (r.pageErrors.length > 0) console.log(`\nPage errors (${String(r.pageErrors.length)}): ${r.pageErrors.slice(0, 5).join(' | ')}`);
  return [`payment commit: p95 ${ms(p.p95)} < ${String(COMMIT_P95_TARGET_MS)} ms: ${verdict(p.p95 < COMMIT_P95_TARGET_MS)}`];
}

function printServer(r: ServerPullResult): void {
  printTable('Server pull: PGlite, real HTTP, gzip, batches of 500 (a device\'s first sync)', ['measure', 'value'], [
    ['documents pulled', `${String(r.documents)} in ${String(r.requests)} requests`],
    ['generate + bulk insert on server', `${r.insertSeconds.toFixed(1)} s`],
    ['pull total time', `${r.pullSeconds.toFixed(2)} s`],
    ['throughput', `${String(Math.round(r.docsPerSecond))} docs/s`],
    ['bytes/doc on the wire (gzip body)', r.wireBytesPerDoc.toFixed(0)],
    ['bytes/doc uncompressed (JSON body)', r.jsonBytesPerDoc.toFixed(0)],
  ]);
}

async function main(): Promise<number> {
  const people = intEnv('BENCH_PEOPLE', 100_000);
  const serverPeople = intEnv('BENCH_SERVER_PEOPLE', people);
  const lookups = intEnv('BENCH_LOOKUPS', 200);
  const payments = intEnv('BENCH_PAYMENTS', 1000);
  const only = process.env.BENCH_ONLY ?? '';
  const started = performance.now();
  let crashed = false;
  const targets: string[] = [];

  if (only !== 'server' && process.env.BENCH_SKIP_BUILD !== '1') {
    console.log(`Building the bench renderer (${BENCH_RENDERER_DIR}) and the server…`);
    buildForBench();
  }

  if (only === '' || only === 'client') {
    try {
      console.log(`Client benchmark: ${String(people)} people, ${String(lookups)} look-ups per kind…`);
      targets.push(...printClient(await benchClientSearch({ people, lookups })));
    } catch (error) {
      crashed = true;
      console.error('\nClient benchmark crashed:', error);
    }
  }

  if (only === '' || only === 'payments') {
    try {
      console.log(`\nPayment benchmark: ${String(payments)} payments…`);
      targets.push(...printPayments(await benchClientPayments({ payments })));
    } catch (error) {
      crashed = true;
      console.error('\nPayment benchmark crashed:', error);
    }
  }

  if (only === '' || only === 'server') {
    try {
      console.log(`\nServer pull benchmark: ${String(serverPeople)} people…`);
      printServer(await benchServerPull({ people: serverPeople }));
    } catch (error) {
      crashed = true;
      console.error('\nServer pull benchmark crashed:', error);
    }
  }

  if (targets.length > 0) {
    console.log('\nTargets (issue 2 §9: find p95 < 20 ms; issue 3 §12: payment commit p95 < 50 ms)');
    for (const t of targets) console.log(`  ${t}`);
  }
  console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
