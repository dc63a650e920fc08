import type { Conflict } from '../../src/shared/conflict';
import { canonical, deepEqual } from '../../src/shared/merge';
import { PERSON_MERGE_FIELDS, type Person } from '../../src/shared/person';

/** The fields a device or the server may legitimately hold differently: none but RxDB's own. */
const META = new Set(['_meta', '_rev', '_attachments']);

/** One local change made on a device: field `field` of person `personId` went from `before` to `value`. */
export interface Edit {
  readonly seq: number;
  readonly device: string;
  readonly personId: string;
  readonly field: string;
  readonly before: unknown;
  readonly value: unknown;
}

export interface DeviceView {
  readonly label: string;
  readonly persons: readonly Person[];
  readonly conflicts: readonly Conflict[];
  /** Documents of each exactly-once collection held by the device, by collection name. */
  readonly exactlyOnce: Readonly<Record<string, ReadonlyArray<{ readonly id: string }>>>;
}

export interface ServerView {
  readonly persons: readonly Person[];
  readonly conflicts: readonly Conflict[];
  readonly exactlyOnce: Readonly<Record<string, ReadonlyArray<{ readonly id: string }>>>;
}

/**
 * A collection whose documents are born on devices and must exist exactly
 * once on the server and on every device that should have it. Today: audit.
 * Payments (issue 3/5) plug in here with their own `shouldHave` (scope).
 */
export interface ExactlyOnceSpec {
  readonly name: string;
  /** Ids created on each device during the run (recorded when the write returned). */
  readonly created: ReadonlyMap<string, ReadonlySet<string>>;
  /** Whether `device` should hold document `id` (default: every device). */
  shouldHave?(device: string, id: string): boolean;
}

export const auditSpec = (created: ReadonlyMap<string, ReadonlySet<string>>): ExactlyOnceSpec => ({ name: 'audit', created });

function counts(ids: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/** (a) exactly once: created ⊆ server, server has no id twice, each device holds exactly what it should of the server's. */
function checkExactlyOnce(spec: ExactlyOnceSpec, server: ServerView, devices: readonly DeviceView[]): string[] {
  const out: string[] = [];
  const onServer = counts((server.exactlyOnce[spec.name] ?? []).map((d) => d.id));
  for (const [id, n] of onServer) if (n > 1) out.push(`(a) ${spec.name} ${id} is ${n} times on the server`);
  for (const [device, ids] of spec.created) {
    for (const id of ids) if (!onServer.has(id)) out.push(`(a) ${spec.name} ${id} created on ${device} is missing on the server`);
  }
  for (const d of devices) {
    const held = counts((d.exactlyOnce[spec.name] ?? []).map((x) => x.id));
    for (const [id, n] of held) {
      if (n > 1) out.push(`(a) ${spec.name} ${id} is ${n} times on ${d.label}`);
      if (!onServer.has(id)) out.push(`(a) ${spec.name} ${id} on ${d.label} never reached the server`);
    }
    for (const id of onServer.keys()) {
      if ((spec.shouldHave?.(d.label, id) ?? true) && !held.has(id)) out.push(`(a) ${spec.name} ${id} is on the server but missing on ${d.label}`);
    }
  }
  return out;
}

const strip = (p: Person): Record<string, unknown> =>
  Object.fromEntries(Object.entries(p).filter(([k]) => !META.has(k)));

/** (b) every device holds exactly the server's persons, field for field; (d) one key per ID everywhere. */
function checkPersons(server: ServerView, devices: readonly DeviceView[]): string[] {
  const out: string[] = [];
  const byId = new Map<string, Person>();
  const byNumber = new Map<string, Set<string>>();
  for (const p of server.persons) {
    if (byId.has(p.id)) out.push(`(d) person ${p.id} appears twice in the server's feed`);
    byId.set(p.id, p);
    const key = `${p.idType}:${p.idNumber}`;
    byNumber.set(key, (byNumber.get(key) ?? new Set()).add(p.id));
  }
  for (const [number, ids] of byNumber) if (ids.size > 1) out.push(`(d) ID ${number} has ${ids.size} persons on the server: ${[...ids].join(', ')}`);
  for (const d of devices) {
    const local = new Map<string, Person>();
    const numbers = new Map<string, string>();
    for (const p of d.persons) {
      if (local.has(p.id)) out.push(`(d) person ${p.id} twice on ${d.label}`);
      local.set(p.id, p);
      const key = `${p.idType}:${p.idNumber}`;
      const other = numbers.get(key);
      if (other !== undefined && other !== p.id) out.push(`(d) ID ${key} has two persons on ${d.label}`);
      numbers.set(key, p.id);
    }
    for (const [id, s] of byId) {
      const l = local.get(id);
      if (!l) { out.push(`(b) person ${id} is on the server but missing on ${d.label}`); continue; }
      const a = strip(s);
      const b = strip(l);
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !deepEqual(a[k], b[k]));
      if (fields.length > 0) {
        const detail = fields.map((f) => `${f}: server ${canonical(a[f])} / ${d.label} ${canonical(b[f])}`).join('; ');
        out.push(`(b) person ${id} differs on ${d.label}${fields.some((f) => (PERSON_MERGE_FIELDS as readonly string[]).includes(f)) ? '' : ' (meta only)'}: ${detail}`);
      }
    }
    for (const id of local.keys()) if (!byId.has(id)) out.push(`(b) person ${id} is on ${d.label} but not on the server`);
  }
  return out;
}

/**
 * (c) no change skipped. For every device's LAST edit of a person's field,
 * one of: the server holds that value; a conflict for that person and field
 * records it (as the losing local or the kept server value); or a later
 * edit elsewhere was made on top of it (its `before` is this value — edit
 * values are unique in a run, so this identifies a device that saw it).
 */
function checkNoChangeSkipped(edits: readonly Edit[], server: ServerView): string[] {
  const out: string[] = [];
  const last = new Map<string, Edit>();
  for (const e of edits) last.set(`${e.device}|${e.personId}|${e.field}`, e);
  const persons = new Map(server.persons.map((p) => [p.id, p as unknown as Record<string, unknown>]));
  for (const e of last.values()) {
    const p = persons.get(e.personId);
    if (!p) { out.push(`(c) #${e.seq} ${e.device} edited ${e.personId}.${e.field}, but the person is not on the server`); continue; }
    if (deepEqual(p[e.field], e.value)) continue;
    const inConflict = server.conflicts.some((c) => c.entityId === e.personId && c.status === 'open'
      && c.fields.some((f) => f.field === e.field && (deepEqual(f.local, e.value) || deepEqual(f.server, e.value))));
    if (inConflict) continue;
    const builtOn = edits.some((x) => x.seq > e.seq && x.personId === e.personId && x.field === e.field && deepEqual(x.before, e.value));
    if (builtOn) continue;
    out.push(`(c) #${e.seq} ${e.device} set ${e.personId}.${e.field} = ${canonical(e.value)}; server has ${canonical(p[e.field])} and no conflict records it`);
  }
  return out;
}

export function checkInvariants(server: ServerView, devices: readonly DeviceView[], edits: readonly Edit[], specs: readonly ExactlyOnceSpec[]): string[] {
  return [
    ...specs.flatMap((s) => checkExactlyOnce(s, server, devices)),
    ...checkPersons(server, devices),
    ...devices.flatMap((d) => {
      const open = new Set(server.conflicts.filter((c) => c.status === 'open').map((c) => c.id));
      const held = new Set(d.conflicts.map((c) => c.id));
      return [...open].filter((id) => !held.has(id)).map((id) => `(b) conflict ${id} is open on the server but not listed on ${d.label}`);
    }),
    ...checkNoChangeSkipped(edits, server),
  ];
}
