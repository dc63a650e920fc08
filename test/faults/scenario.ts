import { setTimeout as sleep } from 'node:timers/promises';
import type { PersonInput } from '../../src/renderer/data/contract';
import { gb11643CheckChar } from '../../src/shared/id-number';
import type { Person } from '../../src/shared/person';
import { Device } from './device';
import { checkAheadDevice, withoutDevice } from './clock-invariants';
import { auditSpec, checkInvariants, type Edit } from './invariants';
import { MoneyWork } from './money-actions';
import { checkImmutable, checkReceiptNumbers } from './money-invariants';
import { createRng, type Rng } from './random';
import { freePort, freshDataDir, removeDataDir, ServerProcess } from './server-process';
import { FaultProxy, NO_FAULTS, replayRequest, type FaultRates, type ProxyStats } from './tcp-proxy';
import { readViews } from './views';

/** A device clock a year off (issue 5 §3: device clocks are wrong in the field). */
export const YEAR_MS = 365 * 24 * 3600_000;
export type ClockFault = 'random' | 'ahead' | 'behind' | 'none';

export interface RunOptions {
  /** Upper bound of random actions per run (default 14). */
  readonly maxActions?: number;
  /** Keep the server's data directory when the run fails (default true). */
  readonly keepOnFailure?: boolean;
  /**
   * A server kept running across runs (the short runs of `npm test`: one per
   * worker process, so a run does not pay a server start). Absent: the run
   * starts its own on a fresh copy of the template and stops it at the end.
   */
  readonly server?: ServerProcess;
  /** Healing budget before "not quiescent" (default 45 s). */
  readonly healBudgetMs?: number;
  /** One device's clock a year ahead or behind for the whole run; 'random' (default): 15% of runs, either way. */
  readonly clock?: ClockFault;
}

export interface RunResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly violations: string[];
  readonly log: string[];
  readonly ms: number;
  readonly healRounds: number;
  /** Server start + enrolment + first sync; the random steps; healing and checking. */
  readonly phaseMs: { setup: number; steps: number; heal: number };
  readonly stats: ProxyStats;
  readonly dataDir: string | null;
  /** The tail of the server's stdout/stderr (all its starts). */
  readonly serverLog: string;
  /** Which device's clock was off and by how much (ms), if any. */
  readonly clockFault: { readonly device: string; readonly offsetMs: number } | null;
  /** Codes of the refusals the devices show at the end (payments and records), e.g. clock.future. */
  readonly refusals: string[];
}

const STATIONS = [['HX01', '100001'], ['XQ01', '200002']] as const;
const SYNC_TIMEOUT_MS = 2500;
const HEAL_BUDGET_MS = 45_000;
const CLOCK_FAULT_CHANCE = 0.15;
const EDITABLE = ['phone', 'notes', 'archiveLocation'] as const;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
async function settle<T>(p: Promise<T>, timeoutMs: number): Promise<Outcome<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => { resolve('timeout'); }, timeoutMs); });
  const done = p.then((value): Outcome<T> => ({ ok: true, value }), (e: unknown): Outcome<T> => ({ ok: false, error: errorText(e) }));
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}:${e.message}`.slice(0, 160) : String(e));
const show = (o: Outcome<unknown> | 'timeout'): string => (o === 'timeout' ? 'timeout' : o.ok ? 'ok' : `failed ${o.error}`);

function randomId(rng: Rng): string {
  const birth = `${String(rng.int(1960, 1999))}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const first17 = `120103${birth}${String(rng.int(0, 999)).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

function inputOf(p: Person): PersonInput {
  const { idType, idNumber, name, sex, birthDate, phone, hukouType, address, household, categories, employmentStatus, archiveLocation, notes } = p;
  return { idType, idNumber, name, sex, birthDate, phone, hukouType, address, household, categories, employmentStatus, archiveLocation, notes };
}

function randomRates(rng: Rng): FaultRates {
  if (rng.chance(0.3)) return NO_FAULTS;
  const lo = rng.int(0, 20);
  return {
    latencyMs: [lo, lo + rng.int(0, 60)],
    bytesPerSec: rng.pick([null, 32_000, 128_000, 1_000_000]),
    resetPerChunk: rng.pick([0, 0.01, 0.05, 0.15]),
    dropPerConnection: rng.pick([0, 0.05, 0.2]),
  };
}

/** Everything one run holds; actions are methods so the log and edit records stay in one place. */
class Run {
  readonly log: string[] = [];
  readonly edits: Edit[] = [];
  readonly createdAudit = new Map<string, Set<string>>();
  /** Persons each device registered itself (status created and landed), by device label. */
  readonly registered = new Map<string, Set<string>>();
  private seq = 0;
  private unique = 0;
  private readonly ids: string[];
  private readonly deviceIds = new Map<Device, string>();

  readonly money: MoneyWork;

  constructor(private readonly rng: Rng, readonly server: ServerProcess, readonly proxy: FaultProxy, readonly devices: Device[]) {
    this.ids = Array.from({ length: rng.int(2, 4) }, () => randomId(rng));
    this.money = new MoneyWork(rng, (t) => { this.note(t); }, (d) => this.personFor(d));
  }

  /** A person on the device to take money for: mostly one of the run's shared IDs (both stations serve them), else any. */
  private async personFor(d: Device): Promise<string | null> {
    if (this.rng.chance(0.75)) {
      const p = await d.api.persons.findById('resident', this.rng.pick(this.ids));
      if (p) return p.id;
    }
    const ids = await d.api.persons.listIds();
    return ids.length === 0 ? null : this.rng.pick(ids);
  }

  idList(): string {
    return this.ids.join(' ');
  }

  private readonly t0 = Date.now();

  note(text: string): void {
    this.log.push(`#${String(this.seq)} +${String(Date.now() - this.t0)}ms ${text}`);
  }

  private u(): string {
    return String(++this.unique).padStart(4, '0');
  }

  async deviceId(d: Device): Promise<string> {
    let id = this.deviceIds.get(d);
    if (id === undefined) {
      id = (await d.api.session())?.deviceId ?? '?';
      this.deviceIds.set(d, id);
    }
    return id;
  }

  /** Records the audit events this device wrote for the person (after a write returned or a reload). */
  async recordAudit(d: Device, personId: string): Promise<void> {
    const mine = await this.deviceId(d);
    const set = this.createdAudit.get(d.label) ?? new Set<string>();
    this.createdAudit.set(d.label, set);
    for (const e of await d.api.persons.history(personId)) if (e.deviceId === mine) set.add(e.id);
  }

  private recordDiff(d: Device, before: Person | null, after: Person): void {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = after as unknown as Record<string, unknown>;
    for (const field of ['phone', 'notes', 'archiveLocation', 'active', 'deactivation']) {
      const from = before ? b[field] : null;
      const to = a[field];
      // A blank field in a registration is "nothing entered", not an edit (merge.ts isBlank).
      if (!before && (to === '' || to === null)) continue;
      if (before && JSON.stringify(from) === JSON.stringify(to)) continue;
      if (!before && field === 'active') continue;
      this.edits.push({ seq: this.seq, device: d.label, personId: after.id, field, before: from, value: to });
    }
  }

  /** A write on a device: register, edit or deactivate; returns the promise and what it intends. */
  private async startWrite(d: Device): Promise<{ what: string; before: Person | null; promise: Promise<unknown>; intended: Partial<Person> }> {
    const idNumber = this.rng.pick(this.ids);
    const before = await d.api.persons.findById('resident', idNumber);
    const kind = before ? this.rng.pick(['edit', 'edit', 'deactivate'] as const) : 'register';
    if (kind === 'register') {
      const u = this.u();
      const intended = { phone: `1390000${u}`, notes: this.rng.chance(0.5) ? `登记 ${d.label} ${u}` : '', archiveLocation: `档案 ${u}` };
      const input: PersonInput = {
        idType: 'resident', idNumber, name: `测试${idNumber.slice(-4)}`, sex: 'M', birthDate: '1990-01-01', hukouType: 'urban',
        address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: '', detail: '友谊路 1 号' },
        household: null, categories: [], employmentStatus: 'unemployed', ...intended,
      };
      return { what: `register ${idNumber} ${JSON.stringify(intended)}`, before, promise: d.api.persons.register(input), intended };
    }
    if (!before) throw new Error('unreachable');
    if (kind === 'deactivate' && before.active) {
      const reason = `停保 ${this.u()}`;
      // The reason is unique in the run: it tells this write from a deactivation pulled meanwhile.
      const intended = { active: false, deactivation: { reason } } as unknown as Partial<Person>;
      return { what: `deactivate ${before.id} (${reason})`, before, promise: d.api.persons.deactivate(before.id, reason), intended };
    }
    const fields = this.rng.chance(0.5) ? [this.rng.pick(EDITABLE)] : [...EDITABLE].filter(() => this.rng.chance(0.6));
    if (fields.length === 0) fields.push('notes');
    const intended: Partial<Record<(typeof EDITABLE)[number], string>> = {};
    for (const f of fields) intended[f] = f === 'phone' ? `1390000${this.u()}` : `${f} ${d.label} ${this.u()}`;
    return { what: `edit ${before.id} ${JSON.stringify(intended)}`, before, promise: d.api.persons.update(before.id, { ...inputOf(before), ...intended }), intended };
  }

  /** After a write (awaited or cut by a reload): record the edits that landed locally and their audit events. */
  private async afterWrite(d: Device, before: Person | null, idNumber: string, intended: Partial<Person>): Promise<boolean> {
    const now = await d.api.persons.findById('resident', idNumber);
    if (!now) return false;
    const held = now as unknown as Record<string, unknown>;
    const landed = Object.entries(intended).every(([k, v]) => (k === 'deactivation'
      ? (held[k] as { reason?: string } | null)?.reason === (v as { reason: string }).reason
      : JSON.stringify(held[k]) === JSON.stringify(v)));
    if (landed) this.recordDiff(d, before, now);
    if (landed && !before) this.registered.set(d.label, (this.registered.get(d.label) ?? new Set()).add(now.id));
    await this.recordAudit(d, now.id);
    return landed;
  }

  async write(d: Device): Promise<void> {
    const w = await this.startWrite(d);
    const outcome = await settle(w.promise, 10_000);
    const idNumber = w.before?.idNumber ?? /register (\S+)/.exec(w.what)?.[1] ?? '';
    const landed = await this.afterWrite(d, w.before, idNumber, w.intended);
    const exists = outcome !== 'timeout' && outcome.ok && (outcome.value as { status?: string }).status === 'exists';
    this.note(`${d.label} ${w.what} → ${show(outcome)}${exists ? ' (exists)' : ''}${landed ? '' : ' (not applied)'}`);
  }

  /** Page reload mid-write: start a write and reopen the database without awaiting it. */
  async reloadMidWrite(d: Device): Promise<void> {
    const w = await this.startWrite(d);
    const delay = this.rng.int(0, 3);
    if (delay > 0) await sleep(delay);
    let outcome: Awaited<ReturnType<typeof settle>> = 'timeout';
    const reopened = await settle(d.reopen(async () => { outcome = await settle(w.promise, 5000); }), 25_000);
    const idNumber = w.before?.idNumber ?? /register (\S+)/.exec(w.what)?.[1] ?? '';
    const landed = reopened !== 'timeout' && reopened.ok ? await this.afterWrite(d, w.before, idNumber, w.intended) : false;
    this.note(`${d.label} reload after ${String(delay)} ms during ${w.what} → reopen ${show(reopened)}, write ${show(outcome)}, ${landed ? 'landed' : 'lost'}`);
  }

  /** Page reload while a payment is being saved: the payment either landed (and must sync) or was never stored. */
  async reloadMidPayment(d: Device): Promise<void> {
    const pay = this.money.pay(d);
    const delay = this.rng.int(0, 3);
    if (delay > 0) await sleep(delay);
    const reopened = await settle(d.reopen(() => settle(pay, 5000)), 25_000);
    this.note(`${d.label} reload after ${String(delay)} ms during a payment → reopen ${show(reopened)}`);
  }

  async sync(d: Device): Promise<void> {
    this.note(`${d.label} sync → ${show(await settle(d.api.sync.syncNow(), SYNC_TIMEOUT_MS))}`);
  }

  async serverCrash(d: Device): Promise<void> {
    await this.write(d);
    const round = settle(d.api.sync.syncNow(), 8000);
    const wait = this.rng.int(0, 120);
    await sleep(wait);
    await this.server.kill();
    const down = this.rng.int(0, 300);
    await sleep(down);
    await this.server.start();
    this.note(`SIGKILL server ${String(wait)} ms into ${d.label}'s push, restarted after ${String(down)} ms; round ${show(await round)}`);
  }

  async replay(): Promise<void> {
    if (this.proxy.captured.length === 0) { this.note('replay: nothing captured yet'); return; }
    const r = this.rng.pick(this.proxy.captured);
    this.note(`replay ${r.path} (${String(r.bytes.length)} bytes) directly → ${await replayRequest(this.server.port, r.bytes, 5000, this.server.host)}`);
  }

  async step(): Promise<void> {
    this.seq++;
    const d = this.rng.pick(this.devices);
    const roll = this.rng.next();
    if (roll < 0.24) await this.write(d);
    else if (roll < 0.36) await this.money.pay(d);
    else if (roll < 0.40) await this.money.voidNext(d);
    else if (roll < 0.46) await this.money.enrol(d);
    else if (roll < 0.59) await this.sync(d);
    else if (roll < 0.65) { const up = this.rng.chance(0.5); this.proxy.setLinkUp(up); this.note(`link ${up ? 'up' : 'down'}`); }
    else if (roll < 0.72) { const r = randomRates(this.rng); this.proxy.setFaults(r); this.note(`faults ${JSON.stringify(r)}`); }
    else if (roll < 0.78) await this.replay();
    else if (roll < 0.84) await this.serverCrash(d);
    else if (roll < 0.92) await this.reloadMidWrite(d);
    else await this.reloadMidPayment(d);
  }
}

function clockFaultOf(rng: Rng, clock: ClockFault): { index: number; offsetMs: number } | null {
  // Drawn first and always, so that the rest of a seed's plan does not depend on --clock.
  const hit = rng.chance(CLOCK_FAULT_CHANCE);
  const index = rng.int(0, STATIONS.length - 1);
  const ahead = rng.chance(0.5);
  if (clock === 'none' || (clock === 'random' && !hit)) return null;
  const sign = clock === 'ahead' || (clock === 'random' && ahead) ? 1 : -1;
  return { index, offsetMs: sign * YEAR_MS };
}

/** One randomized run from `seed`: faults while working, then heal and check the invariants. */
export async function runScenario(seed: number, options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const rng = createRng(seed);
  const proxyRng = rng.fork();
  const skew = clockFaultOf(rng, options.clock ?? 'random');
  const shared = options.server;
  const dataDir = shared ? shared.dataDir : await freshDataDir(`run-${String(seed)}`);
  const server = shared ?? new ServerProcess(await freePort(), dataDir);
  const proxy = new FaultProxy(server.port, proxyRng, server.host);
  const devices: Device[] = [];
  let run: Run | null = null;
  let violations: string[] = [];
  let refusals: string[] = [];
  let healRounds = 0;
  const phase = { setup: 0, steps: 0, heal: 0 };
  let mark = started;
  const lap = (k: keyof typeof phase): void => { phase[k] = Date.now() - mark; mark = Date.now(); };
  const healBudget = options.healBudgetMs ?? HEAL_BUDGET_MS;
  const skewedLabel = skew ? STATIONS[skew.index]?.[0] ?? null : null;
  try {
    if (!shared) await server.start();
    else if (!server.running()) await server.start();
    const url = `http://127.0.0.1:${String(await proxy.listen())}`;
    for (const [i, [station, code]] of STATIONS.entries()) {
      const offset = skew?.index === i ? skew.offsetMs : 0;
      const d = await Device.open(station, `faults${String(seed)}${station.toLowerCase()}`, offset);
      devices.push(d);
      await d.enrol(url, station, code);
    }
    run = new Run(rng, server, proxy, devices);
    run.note(`seed ${String(seed)}: server :${String(server.port)} behind proxy ${url}; IDs ${run.idList()}${skew ? `; ${String(skewedLabel)}'s clock ${skew.offsetMs > 0 ? '+' : '-'}1 year` : ''}`);
    for (const d of devices) await run.sync(d);
    lap('setup');
    const actions = rng.int(4, options.maxActions ?? 14);
    for (let i = 0; i < actions; i++) await run.step();
    lap('steps');

    // Heal: link up, no faults, sync until quiescent (bounded).
    proxy.setLinkUp(true);
    proxy.setFaults(NO_FAULTS);
    run.note('heal: link up, no faults');
    for (const d of devices) await run.money.collectOwn(d);
    // A device a year ahead may see its stamps refused as 'clock.future' (kept on it, shown refused); nothing else is a valid refusal.
    const expectedRefusal = (device: string, code: string): boolean => code === 'clock.future' && device === skewedLabel && (skew?.offsetMs ?? 0) > 0;
    const healStart = Date.now();
    let previous = '';
    let stable = 0;
    for (;;) {
      healRounds++;
      for (const d of devices) await settle(d.api.sync.syncNow(), 8000);
      const v = await readViews(server.port, devices, server.host);
      refusals = v.devices.flatMap((d) => [...(d.rejections.payments ?? []), ...(d.rejections.records ?? [])].map((r) => `${d.label}:${r.code}`));
      // A device a year ahead is refused by the centre: checked as "kept and shown refused" (clock-invariants.ts), the rest without it.
      const aheadLabel = skew && skew.offsetMs > 0 ? skewedLabel : null;
      const aheadIndex = v.devices.findIndex((d) => d.label === aheadLabel);
      const ahead = aheadIndex >= 0 ? v.devices[aheadIndex] : undefined;
      const others = v.devices.filter((d) => d !== ahead);
      const specs = { audit: auditSpec(run.createdAudit), payments: run.money.payments, records: run.money.records };
      const drop = <T>(m: ReadonlyMap<string, T>): Map<string, T> => new Map([...m].filter(([k]) => k !== aheadLabel));
      const rest = aheadLabel === null ? { edits: run.edits, specs: [specs.audit] } : withoutDevice(aheadLabel, run.edits, [specs.audit]);
      violations = [
        ...checkInvariants(v.server, others, rest.edits, rest.specs),
        ...checkImmutable({ name: 'payments', created: drop(specs.payments), expectedRefusal }, v.server.payments, others),
        ...checkImmutable({ name: 'records', created: drop(specs.records), expectedRefusal }, v.server.records, others),
        ...checkReceiptNumbers(v.server.payments, v.devices),
      ];
      let aheadStatus: { pending: number; errorCode: string | null } | null = null;
      const aheadDevice = devices[aheadIndex];
      if (ahead && aheadLabel !== null && aheadDevice) {
        aheadStatus = await aheadDevice.status();
        const of = (m: ReadonlyMap<string, ReadonlySet<string>>): ReadonlySet<string> => m.get(aheadLabel) ?? new Set();
        violations.push(...checkImmutable({ name: 'payments', created: new Map([[aheadLabel, of(specs.payments)]]), expectedRefusal }, v.server.payments, [ahead])
          .filter((x) => !x.includes('is on the server but missing on') && !x.includes('missing on the server and not shown')));
        violations.push(...checkAheadDevice({
          view: ahead, errorCode: aheadStatus.errorCode, registered: of(run.registered),
          created: new Map([['audit', of(run.createdAudit)], ['payments', of(specs.payments)], ['records', of(specs.records)]]),
          refused: new Set([...(ahead.rejections.payments ?? []), ...(ahead.rejections.records ?? [])].filter((r) => r.reason === 'refused').map((r) => r.id)),
        }, v.server));
      }
      // The device ahead may keep changes pending for good: they wait for its clock to be set right.
      const quiet = v.pending.every((n, i) => n === 0 || (i === aheadIndex && aheadStatus?.errorCode === 'clock.future'));
      run.note(`heal round ${String(healRounds)}: pending ${v.pending.join('/')}, ${String(violations.length)} violations${refusals.length > 0 ? `, refused ${refusals.join(' ')}` : ''}`);
      if (quiet && violations.length === 0) break;
      // Nothing pending and the same violations three rounds running: a settled outcome, not lag.
      const now = violations.join('\n');
      stable = quiet && now === previous ? stable + 1 : 0;
      previous = now;
      if (stable >= 3) break;
      if (Date.now() - healStart > healBudget) {
        if (!quiet) violations.push(`not quiescent after ${String(healRounds)} heal rounds: pending ${v.pending.join('/')}`);
        break;
      }
      await sleep(Math.min(2000, 100 * healRounds));
    }
    lap('heal');
  } catch (error) {
    violations.push(`run aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    run?.note('closing');
    for (const d of devices) await settle(d.close(), 10_000);
    run?.note('closed');
    await proxy.close();
    if (!shared) await server.stop('SIGKILL');
  }
  const ok = violations.length === 0;
  const keep = !ok && (options.keepOnFailure ?? true);
  if (!keep && !shared) removeDataDir(dataDir);
  return {
    seed, ok, violations, log: run?.log ?? [], ms: Date.now() - started, healRounds, phaseMs: phase, stats: proxy.stats,
    dataDir: keep ? dataDir : null, serverLog: server.log, refusals,
    clockFault: skew && skewedLabel !== null ? { device: skewedLabel, offsetMs: skew.offsetMs } : null,
  };
}
