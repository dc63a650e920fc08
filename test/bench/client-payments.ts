/**
 * Payment benchmark (issue 3, Deliver §12): 1,000 payments recorded through
 * DataApi.payments.take — the call the payment form makes on save — in the
 * local RxDB/Dexie store of Debian Chromium (production `--mode bench`
 * build), with receipt serials from blocks leased by the real server.
 * Measures the commit time of each take() (validation, the calculation over
 * the verified packs, the receipt serial, the payment insert and its audit
 * event), the size of a payment document as stored and as pushed, and the
 * gzip bytes per payment a device pulls. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { DeviceSession, PaymentInput } from '../../src/renderer/data/contract';
import { secretFromHex } from '../../src/shared/person-key';
import type { PullResponse } from '../../src/shared/sync-protocol';
import { CHROMIUM, CHROMIUM_ARGS, DEMO, startServer } from '../e2e/fixtures';
import { generateBenchPeople, toStoredDoc } from './bench-data';
import { enrolInPage, insertChunk, type BenchHook, waitForHook } from './client-page';
import { BENCH_RENDERER_DIR } from './client-search';
import { get } from './server-pull';

export interface PaymentBenchResult {
  readonly payments: number;
  /** take() durations in ms, in order. */
  readonly commitMs: readonly number[];
  /** Syncs run between takes to lease new receipt blocks (not timed). */
  readonly leaseSyncs: number;
  /** Mean JSON bytes of a stored payment document (as RxDB holds it, without meta fields). */
  readonly docJsonBytes: number;
  /** navigator.storage.estimate() usage growth per payment (document, its audit event, indexes). */
  readonly storageBytesPerPayment: number | null;
  /** Push request bodies: JSON bytes per payment row and the same body gzip-compressed. */
  readonly pushBytesPerDoc: number;
  readonly pushGzipBytesPerDoc: number;
  /** A second device's pull of the payments: gzip and JSON bytes per document. */
  readonly pullWireBytesPerDoc: number;
  readonly pullJsonBytesPerDoc: number;
  readonly pageErrors: readonly string[];
}

interface PageWindow {
  __shebaoBench?: BenchHook;
}

interface InPageResult {
  times: number[];
  leaseSyncs: number;
  docJsonBytes: number;
  usageBefore: number | null;
  usageAfter: number | null;
  refused: string | null;
}

/** The inputs a clerk would type: employee pension or medical for the current month, bases over the pack's range. */
function inputsFor(personIds: readonly string[], month: string): PaymentInput[] {
  const methods = ['cash', 'bank_card', 'mobile', 'cash'] as const;
  return personIds.map((personId, i) => ({
    personId,
    scheme: i % 3 === 2 ? 'employee_medical' : 'employee_pension',
    fromMonth: month,
    toMonth: month,
    // Tianjin 2025: floor 5,124 yuan, ceiling 25,620 yuan (assets/policy-packs/tianjin-2025.1.json).
    baseFen: 512_400 + (i % 50) * 40_000,
    method: methods[i % methods.length] ?? 'cash',
    channel: 'window',
  }));
}

function takeAll(page: Page, inputs: readonly PaymentInput[]): Promise<InPageResult> {
  return page.evaluate(async (all) => {
    const hook = (window as unknown as PageWindow).__shebaoBench;
    if (!hook) throw new Error('no bench hook');
    const { api } = hook;
    let stock = { remaining: 0 };
    const sub = api.payments.receiptStock$.subscribe((s) => {
      stock = s;
    });
    const usage = async (): Promise<number | null> => (await navigator.storage.estimate()).usage ?? null;
    const times: number[] = [];
    let leaseSyncs = 0;
    let limitReached = false;
    let bytes = 0;
    let refused: string | null = null;
    const usageBefore = await usage();
    try {
      for (const input of all) {
        // A station syncs when the stock warns; here only when the block is nearly used up, so every lease is needed.
        // After the server's daily block limit (5 x 200) no sync can add serials: the rest is used up without asking.
        if (stock.remaining <= 40 && !limitReached) {
          const before = stock.remaining;
          await api.sync.syncNow();
          leaseSyncs += 1;
          // The stock observable follows the local blocks document; give it a moment after the lease.
          for (let i = 0; i < 100 && stock.remaining <= before; i++) await new Promise((r) => setTimeout(r, 20));
          limitReached = stock.remaining <= before;
          if (stock.remaining === 0) {
            refused = `no receipt serials after sync ${String(leaseSyncs)}`;
            break;
          }
        }
        const t0 = performance.now();
        const payment = await api.payments.take(input);
        times.push(performance.now() - t0);
        const { _deleted: _d, ...doc } = payment;
        bytes += new TextEncoder().encode(JSON.stringify(doc)).length;
      }
    } finally {
      sub.unsubscribe();
    }
    return { times, leaseSyncs, docJsonBytes: times.length > 0 ? bytes / times.length : 0, usageBefore, usageAfter: await usage(), refused };
  }, inputs);
}

async function pullPayments(base: string): Promise<{ docs: number; wire: number; json: number }> {
  const res = await fetch(`${base}/api/v1/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationCode: DEMO.B.stationCode, enrolmentCode: DEMO.B.enrolmentCode, deviceName: 'bench-pull' }),
  });
  if (!res.ok) throw new Error(`enrol failed: ${String(res.status)}`);
  const { token } = (await res.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'x-shebao-protocol': '1', 'accept-encoding': 'gzip' };
  let after: PullResponse<unknown>['checkpoint'] = null;
  let docs = 0;
  let wire = 0;
  let json = 0;
  for (;;) {
    const qs = new URLSearchParams({ limit: '500', ...(after ? { xid: after.xid, seq: after.seq } : {}) });
    const r = await get(`${base}/api/v1/sync/payments/pull?${qs.toString()}`, headers);
    if (r.status !== 200) throw new Error(`pull failed: ${String(r.status)}`);
    const raw = r.encoding === 'gzip' ? gunzipSync(r.body) : r.body;
    const page = JSON.parse(raw.toString('utf8')) as PullResponse<unknown>;
    wire += r.body.length;
    json += raw.length;
    docs += page.documents.length;
    after = page.checkpoint;
    if (page.documents.length < 500) break;
  }
  return { docs, wire, json };
}

export async function benchClientPayments(opts: { readonly payments: number }): Promise<PaymentBenchResult> {
  const server = await startServer(['--static-dir', resolve(BENCH_RENDERER_DIR)]);
  const profileDir = mkdtempSync(join(tmpdir(), 'shebao-bench-pay-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, locale: 'zh-CN' });
    // Only the esbuild keepNames shim of client-page's INIT_SCRIPT: unlike the search benchmark, sync
    // must run here (receipt blocks are leased by sync rounds), as at a station that is online.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const pushes: Array<{ bytes: number; gzip: number; rows: number }> = [];
    page.on('request', (req) => {
      if (req.method() !== 'POST' || !req.url().includes('/sync/payments/push')) return;
      const body = req.postDataBuffer();
      if (!body) return;
      const rows = (JSON.parse(body.toString('utf8')) as unknown[]).length;
      pushes.push({ bytes: body.length, gzip: gzipSync(body).length, rows });
    });

    await page.goto(server.url);
    await waitForHook(page);
    const session: DeviceSession = await enrolInPage(page, DEMO.A.stationCode, DEMO.A.enrolmentCode);
    const people = generateBenchPeople({
      secret: secretFromHex(session.personKeySecret), count: opts.payments, seed: 20_261_123,
      stationId: session.stationId, staffIds: session.staff.map((s) => s.id), deviceId: session.deviceId, regionCode: session.regionCode,
    });
    const inserted = await insertChunk(page, JSON.stringify(people.map(toStoredDoc)));
    if (inserted.errors > 0) throw new Error(`bulkInsert refused ${String(inserted.errors)} people: ${inserted.firstError}`);
    // First sync: pushes the people, pulls the packs, leases the first receipt block.
    await page.evaluate(async () => {
      await (window as unknown as PageWindow).__shebaoBench?.api.sync.syncNow();
    });
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const r = await takeAll(page, inputsFor(people.map((p) => p.id), month));
    if (r.refused) throw new Error(r.refused);
    await page.evaluate(async () => {
      await (window as unknown as PageWindow).__shebaoBench?.api.sync.syncNow();
    });
    const pushedRows = pushes.reduce((s, p) => s + p.rows, 0);
    const pulled = await pullPayments(server.url);
    return {
      payments: r.times.length,
      commitMs: r.times,
      leaseSyncs: r.leaseSyncs,
      docJsonBytes: r.docJsonBytes,
      storageBytesPerPayment: r.usageBefore !== null && r.usageAfter !== null ? (r.usageAfter - r.usageBefore) / r.times.length : null,
      pushBytesPerDoc: pushedRows > 0 ? pushes.reduce((s, p) => s + p.bytes, 0) / pushedRows : 0,
      pushGzipBytesPerDoc: pushedRows > 0 ? pushes.reduce((s, p) => s + p.gzip, 0) / pushedRows : 0,
      pullWireBytesPerDoc: pulled.docs > 0 ? pulled.wire / pulled.docs : 0,
      pullJsonBytesPerDoc: pulled.docs > 0 ? pulled.json / pulled.docs : 0,
      pageErrors,
    };
  } finally {
    await context?.close();
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
