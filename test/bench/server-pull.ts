/**
 * Server pull throughput: 100,000 generated people in PGlite (temp dir),
 * pulled over real HTTP in batches of 500 with gzip, as a device's first
 * sync would. Prints documents/s and bytes per document on the wire.
 * Not part of `npm test` (no timed assertions anywhere); run with
 * `node --import tsx test/bench/server-pull.ts` or from test/bench/run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { migrate } from '../../src/server/db/migrations';
import { openPglite } from '../../src/server/db/pglite-db';
import { generatePeople, type DemoStationRef } from '../../src/server/demo/people';
import { DEMO_STATIONS, seedDemo } from '../../src/server/demo/seed';
import { createApp } from '../../src/server/http/app';
import { bulkInsertDocs } from '../../src/server/sync/docs-store';
import { secretFromHex } from '../../src/shared/person-key';
import type { Checkpoint, EnrolResponse, PullResponse } from '../../src/shared/sync-protocol';

export interface ServerPullResult {
  readonly documents: number;
  readonly insertSeconds: number;
  readonly pullSeconds: number;
  readonly docsPerSecond: number;
  readonly wireBytesPerDoc: number;
  readonly jsonBytesPerDoc: number;
  readonly requests: number;
}

export interface RawResponse {
  readonly status: number;
  readonly encoding: string | undefined;
  readonly body: Buffer;
}

/** GET with node:http so the compressed bytes as they crossed the wire can be counted (fetch decompresses silently). */
export function get(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function enrol(base: string): Promise<EnrolResponse> {
  const res = await fetch(`${base}/api/v1/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationCode: 'HX01', enrolmentCode: '100001', deviceName: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`enrol failed: ${res.status}`);
  return (await res.json()) as EnrolResponse;
}

export async function benchServerPull(opts: { people?: number; batch?: number } = {}): Promise<ServerPullResult> {
  const count = opts.people ?? 100_000;
  const batch = opts.batch ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'shebao-bench-'));
  const db = await openPglite(join(dir, 'pglite'));
  try {
    await migrate(db);
    const demo = await seedDemo(db, { people: 0 });
    if (!demo) throw new Error('fresh database already seeded');
    const refs: DemoStationRef[] = demo.stations.map((s, i) => {
      const def = DEMO_STATIONS[i]!;
      return {
        id: s.id,
        countyCode: def.countyCode,
        homeTownCode: def.homeTownCode,
        staff: s.staffIds.map((id, k) => ({ id, name: def.staff[k]?.name ?? '' })),
      };
    });

    const t0 = performance.now();
    // The generator's output is schema-checked in test/server; skipping zod here keeps set-up short.
    const { people } = generatePeople({ secret: secretFromHex(demo.personKeySecret), count, seed: 42, stations: refs, validate: false });
    await db.tx((q) =>
      bulkInsertDocs(q, people.map((p) => ({ collection: 'persons' as const, id: p.id, cityId: demo.cityId, stationId: p.stationId, data: p }))),
    );
    const insertSeconds = (performance.now() - t0) / 1000;

    const app = await createApp({ db });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const device = await enrol(base);
      const headers = { authorization: `Bearer ${device.token}`, 'x-shebao-protocol': '1', 'accept-encoding': 'gzip' };
      let checkpoint: Checkpoint | null = null;
      let documents = 0;
      let wire = 0;
      let json = 0;
      let requests = 0;
      const t1 = performance.now();
      for (;;) {
        const qs = new URLSearchParams({ limit: String(batch), ...(checkpoint ? { xid: checkpoint.xid, seq: checkpoint.seq } : {}) });
        const res = await get(`${base}/api/v1/sync/persons/pull?${qs.toString()}`, headers);
        if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${res.body.toString()}`);
        requests += 1;
        const raw = res.encoding === 'gzip' ? gunzipSync(res.body) : res.body;
        wire += res.body.length;
        json += raw.length;
        const page = JSON.parse(raw.toString('utf8')) as PullResponse<unknown>;
        documents += page.documents.length;
        checkpoint = page.checkpoint;
        if (page.documents.length < batch) break;
      }
      const pullSeconds = (performance.now() - t1) / 1000;
      return {
        documents,
        insertSeconds,
        pullSeconds,
        docsPerSecond: documents / pullSeconds,
        wireBytesPerDoc: wire / documents,
        jsonBytesPerDoc: json / documents,
        requests,
      };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printServerPull(r: ServerPullResult): void {
  console.log('Server pull benchmark (PGlite, HTTP, gzip, batches of 500)');
  console.log(`  documents pulled:          ${r.documents} in ${r.requests} requests`);
  console.log(`  generate + bulk insert:    ${r.insertSeconds.toFixed(1)} s`);
  console.log(`  pull total time:           ${r.pullSeconds.toFixed(2)} s`);
  console.log(`  throughput:                ${Math.round(r.docsPerSecond)} docs/s`);
  console.log(`  bytes/doc on the wire:     ${r.wireBytesPerDoc.toFixed(0)} (gzip body)`);
  console.log(`  bytes/doc uncompressed:    ${r.jsonBytesPerDoc.toFixed(0)} (JSON body)`);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  benchServerPull()
    .then(printServerPull)
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
