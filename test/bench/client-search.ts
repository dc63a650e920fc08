/**
 * Client benchmark (issue 2, Deliver §9): 100,000 generated people in the
 * local RxDB/Dexie store of Debian Chromium, served by the real server from
 * a `vite build --mode bench` renderer. Measures insert rate, search
 * latency through DataApi.persons.search (full ID, name prefix, last 6 ID
 * digits, phone), time to first paint of the persons list after a fresh
 * page load, time to render the middle of the list after a jump scroll,
 * and the page's JS heap. Prints figures; asserts nothing about them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { Prng } from '../../src/server/demo/prng';
import { secretFromHex } from '../../src/shared/person-key';
import type { Person } from '../../src/shared/person';
import { CHROMIUM, CHROMIUM_ARGS, DEMO, startServer } from '../e2e/fixtures';
import { generateBenchPeople, toStoredDoc } from './bench-data';
import {
  dataLayerTimings, enrolInPage, INIT_SCRIPT, insertChunk, paintMarks, scrollToMiddle, searchInPage, waitForHook,
  type DataLayerTimings, type PaintMarks, type ScrollTiming, type SearchKind, type SearchRun,
} from './client-page';

export const BENCH_RENDERER_DIR = 'dist/renderer-bench';
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '诸葛', '上官']);

export interface ClientBenchOptions {
  readonly people: number;
  readonly lookups: number;
  /** Documents per bulkInsert call. */
  readonly chunk?: number;
  /** Fresh page loads to time. */
  readonly loads?: number;
}

export interface HeapSample {
  readonly used: number;
  readonly total: number;
  /** JSHeapUsedSize after a forced garbage collection. */
  readonly usedAfterGc: number;
}

export interface ClientBenchResult {
  readonly people: number;
  readonly generateSeconds: number;
  readonly insertMs: number;
  readonly insertWallMs: number;
  readonly dataLayer: DataLayerTimings;
  readonly loads: ReadonlyArray<PaintMarks & { fcp: number | null }>;
  readonly heapAfterLoad: HeapSample;
  readonly scroll: ScrollTiming;
  readonly heapAfterScroll: HeapSample;
  readonly searches: ReadonlyArray<{ readonly label: string; readonly kind: SearchKind; readonly run: SearchRun }>;
  readonly pageErrors: readonly string[];
}

/** Builds the region data, the bench renderer and the server (what `npm run bench` needs from dist). */
export function buildForBench(): void {
  const run = (args: string[]): void => {
    execFileSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  run(['--no-install', 'npm', 'run', 'build:regions']);
  run(['--no-install', 'vite', 'build', '--mode', 'bench', '--outDir', BENCH_RENDERER_DIR, '--logLevel', 'warn']);
  run(['--no-install', 'npm', 'run', 'build:server']);
}

async function heap(cdp: CDPSession): Promise<HeapSample> {
  const read = async (): Promise<{ used: number; total: number }> => {
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return { used: get('JSHeapUsedSize'), total: get('JSHeapTotalSize') };
  };
  const before = await read();
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await read();
  return { ...before, usedAfterGc: after.used };
}

/** Picks `n` people at random (seeded, with repeats allowed) for look-ups. */
function sample(people: readonly Person[], n: number, seed: number): Person[] {
  const rng = new Prng(seed);
  return Array.from({ length: n }, () => rng.pick(people));
}

async function freshLoad(page: Page, url: string): Promise<PaintMarks & { fcp: number | null }> {
  await page.goto('about:blank');
  await page.goto(`${url}/#/persons`);
  return paintMarks(page);
}

export async function benchClientSearch(opts: ClientBenchOptions): Promise<ClientBenchResult> {
  const chunk = opts.chunk ?? 2_000;
  const server = await startServer(['--static-dir', resolve(BENCH_RENDERER_DIR)]);
  const profileDir = mkdtempSync(join(tmpdir(), 'shebao-bench-profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 860 },
    });
    await context.addInitScript({ content: INIT_SCRIPT });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const cdp = await context.newCDPSession(page);

    await page.goto(server.url);
    await waitForHook(page);
    const session = await enrolInPage(page, DEMO.A.stationCode, DEMO.A.enrolmentCode);

    const t0 = performance.now();
    const people = generateBenchPeople({
      secret: secretFromHex(session.personKeySecret),
      count: opts.people,
      stationId: session.stationId,
      staffIds: session.staff.map((s) => s.id),
      deviceId: session.deviceId,
      regionCode: session.regionCode,
    });
    const generateSeconds = (performance.now() - t0) / 1000;

    let insertMs = 0;
    const t1 = performance.now();
    for (let i = 0; i < people.length; i += chunk) {
      const r = await insertChunk(page, JSON.stringify(people.slice(i, i + chunk).map(toStoredDoc)));
      if (r.errors > 0) throw new Error(`bulkInsert refused ${String(r.errors)} documents, e.g. ${r.firstError}`);
      insertMs += r.ms;
    }
    const insertWallMs = performance.now() - t1;

    const loadCount = opts.loads ?? 3;
    const loads: Array<PaintMarks & { fcp: number | null }> = [];
    for (let i = 0; i < loadCount; i++) {
      // The renderer process (and its V8 heap) survives same-site navigations:
      // collect the previous page's garbage (e.g. the insert's JSON) first, so
      // the heap read after the last load is that page's own.
      await cdp.send('HeapProfiler.collectGarbage');
      loads.push(await freshLoad(page, server.url));
    }
    await waitForHook(page);
    await page.waitForTimeout(1_000); // let the list's first page and late requests settle
    const heapAfterLoad = await heap(cdp);
    const dataLayer = await dataLayerTimings(page);

    const scroll = await scrollToMiddle(page);
    await page.waitForTimeout(500);
    const heapAfterScroll = await heap(cdp);

    // 10 untimed warm-up look-ups of each kind, then `lookups` timed ones.
    const picks = sample(people, opts.lookups + 10, 7);
    const withPhone = people.filter((p) => p.phone !== '');
    const phonePicks = sample(withPhone, opts.lookups + 10, 11);
    const surname = (p: Person): string => p.name.slice(0, COMPOUND_SURNAMES.has(p.name.slice(0, 2)) ? 2 : 1);
    const namePrefix = (p: Person): string => p.name.slice(0, surname(p).length + 1);
    const plans: Array<{ label: string; kind: SearchKind; q: (p: Person) => string; from: Person[] }> = [
      { label: 'full ID number', kind: 'fullId', q: (p) => p.idNumber, from: picks },
      { label: 'name prefix (surname + 1st given char)', kind: 'namePrefix', q: namePrefix, from: picks },
      // Thousands of candidates for 王 or 李: shows whether the limit stops the index scan early.
      { label: 'name prefix (surname only)', kind: 'namePrefix', q: surname, from: picks },
      { label: 'last 6 ID characters', kind: 'last6', q: (p) => p.idNumber.slice(-6), from: picks },
      { label: 'phone (full)', kind: 'phone', q: (p) => p.phone, from: phonePicks },
    ];
    const searches: Array<{ label: string; kind: SearchKind; run: SearchRun }> = [];
    for (const plan of plans) {
      const qs = plan.from.map(plan.q);
      const run = await searchInPage(page, plan.kind, qs.slice(10), qs.slice(0, 10), 50);
      searches.push({ label: plan.label, kind: plan.kind, run });
    }

    return {
      people: dataLayer.count, generateSeconds, insertMs, insertWallMs, dataLayer, loads,
      heapAfterLoad, scroll, heapAfterScroll, searches, pageErrors,
    };
  } finally {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
    await server.stop();
  }
}
