/**
 * The parts of the client benchmark that run inside Chromium: the init
 * script, and functions handed to page.evaluate. They reach the app through
 * window.__shebaoBench, which only a `vite build --mode bench` renderer sets
 * (src/renderer/app/boot.tsx).
 */
import type { Page } from '@playwright/test';
import type { DataApi, DeviceSession } from '../../src/renderer/data/contract';

export interface BenchHook {
  readonly api: DataApi;
  /** The RxDB database (only the part the benchmark uses). */
  readonly db: { readonly persons: { bulkInsert(docs: unknown[]): Promise<{ readonly error: readonly unknown[] }> } };
}

export interface PaintMarks {
  /** openDataApi() resolved (the hook was set). */
  dataReady: number | null;
  /** First persons.listIds() call: start and end. */
  listIdsStart: number | null;
  listIdsEnd: number | null;
  firstRow: number | null;
  firstNamedRow: number | null;
  firstNamedRowPainted: number | null;
}

interface BenchWindow {
  __shebaoBench?: BenchHook;
  __benchMarks?: PaintMarks;
}

/**
 * Runs before any page script on every navigation:
 * - `__name`: tsx compiles this file with esbuild's keepNames, which wraps
 *   named functions in __name(); functions sent to page.evaluate need it.
 * - a setter for the bench hook that disables sync.start(): the renderer
 *   starts sync as soon as the shell renders, and its first upstream round
 *   would queue all 100,000 locally inserted people for pushing (RxDB reads
 *   every changed document since the last push checkpoint), which is not
 *   what a station with a synced register does on start.
 * - paint marks: when the data layer was open, when the list's first
 *   persons.listIds() call started and ended, when the first persons row
 *   (skeleton) and the first row with a name entered the DOM, and the frame
 *   after that (painted), in performance.now() time, i.e. since navigation
 *   start.
 */
export const INIT_SCRIPT = `(() => {
  globalThis.__name = globalThis.__name || ((f) => f);
  const marks = { dataReady: null, listIdsStart: null, listIdsEnd: null, firstRow: null, firstNamedRow: null, firstNamedRowPainted: null };
  window.__benchMarks = marks;
  let hook;
  Object.defineProperty(window, '__shebaoBench', {
    configurable: true,
    get() { return hook; },
    set(v) {
      marks.dataReady = performance.now();
      v.api.sync.start = () => {};
      const listIds = v.api.persons.listIds;
      v.api.persons.listIds = () => {
        const first = marks.listIdsStart === null;
        if (first) marks.listIdsStart = performance.now();
        return listIds().then((ids) => { if (first) marks.listIdsEnd = performance.now(); return ids; });
      };
      hook = v;
    },
  });
  const observer = new MutationObserver(() => {
    if (marks.firstRow === null && document.querySelector('[data-testid="persons-row"]')) marks.firstRow = performance.now();
    if (marks.firstNamedRow === null && document.querySelector('[data-testid="persons-row-name"]')) {
      marks.firstNamedRow = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { marks.firstNamedRowPainted = performance.now(); }, 0));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export async function waitForHook(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).__shebaoBench !== undefined, undefined, { timeout: 60_000 });
}

/** Enrols through the DataApi, stops sync, and picks the first staff member as operator. */
export function enrolInPage(page: Page, stationCode: string, enrolmentCode: string): Promise<DeviceSession> {
  return page.evaluate(
    async ({ stationCode: station, enrolmentCode: code }) => {
      const hook = (window as unknown as BenchWindow).__shebaoBench;
      if (!hook) throw new Error('no bench hook');
      const session = await hook.api.enrol(location.origin, station, code, 'bench');
      await hook.api.sync.stop();
      const staff = session.staff[0];
      if (!staff) throw new Error('station has no staff');
      hook.api.setOperator(staff.id);
      localStorage.setItem('shebao.operator', staff.id);
      return session;
    },
    { stationCode, enrolmentCode },
  );
}

/** bulkInsert of one chunk (JSON text, parsed in the page); returns the time RxDB took. */
export function insertChunk(page: Page, json: string): Promise<{ ms: number; errors: number; firstError: string }> {
  return page.evaluate(async (text) => {
    const hook = (window as unknown as BenchWindow).__shebaoBench;
    if (!hook) throw new Error('no bench hook');
    const docs = JSON.parse(text) as unknown[];
    const t0 = performance.now();
    const result = await hook.db.persons.bulkInsert(docs);
    const elapsed = performance.now() - t0;
    return { ms: elapsed, errors: result.error.length, firstError: result.error.length > 0 ? JSON.stringify(result.error[0]).slice(0, 400) : '' };
  }, json);
}

export type SearchKind = 'fullId' | 'namePrefix' | 'last6' | 'phone';

export interface SearchRun {
  readonly times: number[];
  /** Queries whose result contained what was looked for. */
  readonly hits: number;
  readonly meanResults: number;
}

/** Runs `warmup` untimed queries, then times each query's DataApi.persons.search(q, limit) one after another. */
export function searchInPage(page: Page, kind: SearchKind, queries: readonly string[], warmup: readonly string[], limit: number): Promise<SearchRun> {
  return page.evaluate(
    async ({ kind: k, queries: qs, warmup: ws, limit: lim }) => {
      const hook = (window as unknown as BenchWindow).__shebaoBench;
      if (!hook) throw new Error('no bench hook');
      for (const q of ws) await hook.api.persons.search(q, lim);
      const times: number[] = [];
      let hits = 0;
      let results = 0;
      for (const q of qs) {
        const t0 = performance.now();
        const found = await hook.api.persons.search(q, lim);
        times.push(performance.now() - t0);
        results += found.length;
        const ok =
          k === 'fullId' ? found.some((p) => p.idNumber === q)
          : k === 'namePrefix' ? found.length > 0 && found.every((p) => p.name.startsWith(q))
          : k === 'last6' ? found.some((p) => p.idNumber.endsWith(q))
          : found.some((p) => p.phone === q);
        if (ok) hits += 1;
      }
      return { times, hits, meanResults: results / Math.max(1, qs.length) };
    },
    { kind, queries: [...queries], warmup: [...warmup], limit },
  );
}

export async function paintMarks(page: Page): Promise<PaintMarks & { fcp: number | null }> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).__benchMarks?.firstNamedRowPainted != null, undefined, { timeout: 180_000 });
  return page.evaluate(() => {
    const none = { dataReady: null, listIdsStart: null, listIdsEnd: null, firstRow: null, firstNamedRow: null, firstNamedRowPainted: null };
    const marks = (window as unknown as BenchWindow).__benchMarks ?? none;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    return { ...marks, fcp };
  });
}

export interface DataLayerTimings {
  readonly count: number;
  readonly listIdsMs: number[];
  readonly getMany100Ms: number;
}

/** Times the list's own data calls: listIds (all ids in name order) and one page of rows. */
export function dataLayerTimings(page: Page): Promise<DataLayerTimings> {
  return page.evaluate(async () => {
    const hook = (window as unknown as BenchWindow).__shebaoBench;
    if (!hook) throw new Error('no bench hook');
    const count = await hook.api.persons.count();
    const listIdsMs: number[] = [];
    let ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      ids = await hook.api.persons.listIds();
      listIdsMs.push(performance.now() - t0);
    }
    const mid = Math.floor(ids.length / 2);
    const t1 = performance.now();
    await hook.api.persons.getMany(ids.slice(mid, mid + 100));
    return { count, listIdsMs, getMany100Ms: performance.now() - t1 };
  });
}

export interface ScrollTiming {
  readonly target: number;
  readonly name: string;
  /** Row with the right id in the DOM (skeleton while its page loads). */
  readonly rowMs: number;
  /** The same row showing the right name. */
  readonly namedMs: number;
  /** The frame after that. */
  readonly paintedMs: number;
}

/** Scrolls the virtual list to its middle row and times until that row shows the right name. */
export function scrollToMiddle(page: Page): Promise<ScrollTiming> {
  return page.evaluate(async () => {
    const hook = (window as unknown as BenchWindow).__shebaoBench;
    if (!hook) throw new Error('no bench hook');
    const ids = await hook.api.persons.listIds();
    const target = Math.floor(ids.length / 2);
    const id = ids[target] ?? '';
    const name = (await hook.api.persons.get(id))?.name ?? '';
    const el = document.querySelector<HTMLElement>('[data-testid="persons-scroll"]');
    if (!el) throw new Error('no persons-scroll');
    const rowHeight = el.scrollHeight / ids.length;
    return new Promise<ScrollTiming>((resolve, reject) => {
      let rowMs = -1;
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        check();
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`row ${String(target)} (${name}) did not appear`));
      }, 60_000);
      const check = (): void => {
        const row = el.querySelector(`[data-testid="persons-row"][data-index="${String(target)}"]`);
        if (row?.getAttribute('data-person-id') !== id) return;
        if (rowMs < 0) rowMs = performance.now() - t0;
        if (row.querySelector('[data-testid="persons-row-name"]')?.textContent !== name) return;
        const namedMs = performance.now() - t0;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => {
          setTimeout(() => {
            resolve({ target, name, rowMs, namedMs, paintedMs: performance.now() - t0 });
          }, 0);
        });
      };
      observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
      el.scrollTop = target * rowHeight;
      check();
    });
  });
}
