import { ulid } from 'ulid';
import type { AuditEvent } from '../../shared/audit';
import { gb11643CheckChar } from '../../shared/id-number';
import type { IdType } from '../../shared/id-types';
import { derivePersonKey } from '../../shared/person-key';
import {
  personSchema,
  reverse,
  type CategoryCode,
  type Person,
  type PersonCategory,
} from '../../shared/person';
import {
  ARCHIVE_LOCATIONS, DEACTIVATION_REASONS, GIVEN_FEMALE, GIVEN_MALE, MOBILE_PREFIXES, NOTES, STREET_NAMES, SURNAMES, VILLAGES,
} from './names';
import { Prng } from './prng';
import { allCounties, cityCodeOf, provinceCodeOf, townsOf, type County, type Town } from './regions';

export interface DemoStaff {
  readonly id: string;
  readonly name: string;
}

/** A station people are registered at; they mostly live in its county. */
export interface DemoStationRef {
  readonly id: string;
  readonly countyCode: string;
  /** 12-digit code of the station's own street/town: most of its people live there. */
  readonly homeTownCode: string;
  readonly staff: readonly DemoStaff[];
}

export interface GenerateOptions {
  readonly secret: Uint8Array;
  readonly count: number;
  readonly seed: number;
  readonly stations: readonly DemoStationRef[];
  /** Also make one 'create' audit event per person (seeding; the benchmark skips them). */
  readonly withAudit?: boolean;
  /** Validate every person with personSchema (on by default; the 100k benchmark may skip it). */
  readonly validate?: boolean;
}

export const DEMO_DEVICE_ID = 'demo-seed';

const DAY = 86_400_000;
const CREATED_FROM = Date.UTC(2023, 0, 1);
const CREATED_TO = Date.UTC(2025, 5, 30);

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface Ctx {
  readonly rng: Prng;
  readonly tianjin: readonly County[];
  readonly others: readonly County[];
  readonly towns: Map<string, Town[]>;
  readonly used: Set<string>;
}

function residentId(ctx: Ctx, birth: string, sex: 'M' | 'F', local: boolean): string {
  const { rng } = ctx;
  for (;;) {
    const county = rng.pick(local ? ctx.tianjin : ctx.others);
    const order = rng.digits(2) + String(rng.int(0, 4) * 2 + (sex === 'M' ? 1 : 0));
    const first17 = county.code + birth.replaceAll('-', '') + order;
    const id = first17 + gb11643CheckChar(first17);
    if (!ctx.used.has(id)) {
      ctx.used.add(id);
      return id;
    }
  }
}

function passNumber(ctx: Ctx): string {
  for (;;) {
    const id = `${ctx.rng.pick(['H', 'M'])}${ctx.rng.digits(8)}`;
    if (!ctx.used.has(id)) {
      ctx.used.add(id);
      return id;
    }
  }
}

function categoriesFor(rng: Prng, codes: readonly CategoryCode[], birthMs: number, createdMs: number): PersonCategory[] {
  const earliest = Math.max(Date.UTC(2015, 0, 1), birthMs + 16 * 365 * DAY);
  return codes.map((code) => {
    const fromMs = earliest + Math.floor(rng.next() * Math.max(DAY, createdMs - earliest));
    const ended = rng.chance(0.2);
    const toMs = fromMs + Math.floor(rng.next() * Math.max(DAY, createdMs - fromMs));
    return { code, from: isoDay(fromMs), to: ended ? isoDay(Math.max(toMs, fromMs)) : null };
  });
}

function makeOne(ctx: Ctx, opts: GenerateOptions, index: number): Person {
  const { rng } = ctx;
  const station = opts.stations[index % opts.stations.length];
  if (!station) throw new Error('no stations');
  const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
  const birthMs = Date.UTC(1960, 0, 1) + Math.floor(rng.next() * (Date.UTC(2004, 11, 31) - Date.UTC(1960, 0, 1)));
  const birthDate = isoDay(birthMs);
  const local = rng.chance(0.55);
  const passport = rng.chance(0.03);
  const idType: IdType = passport ? 'hk_macao_pass' : 'resident';
  const idNumber = passport ? passNumber(ctx) : residentId(ctx, birthDate, sex, local);
  const name = rng.pick(SURNAMES) + rng.pick(sex === 'M' ? GIVEN_MALE : GIVEN_FEMALE);
  const age = 2025 - Number(birthDate.slice(0, 4));

  const towns = ctx.towns.get(station.countyCode) ?? [];
  const townCode = rng.chance(0.7) || towns.length === 0 ? station.homeTownCode : rng.pick(towns).code;
  const rural = /^\d{6}1\d{5}$/.test(townCode); // towns (镇) have codes x1xxxx, streets (街道) x0xxxx
  const detail = rural
    ? `${rng.pick(VILLAGES)}${rng.int(1, 300)}号`
    : `${rng.pick(STREET_NAMES)}${rng.int(1, 400)}号${rng.int(1, 12)}门${rng.int(1, 6)}${String(rng.int(1, 4)).padStart(2, '0')}`;

  const retiredAge = sex === 'M' ? 60 : 55;
  const employmentStatus: Person['employmentStatus'] =
    age >= retiredAge && rng.chance(0.7)
      ? 'retired'
      : age <= 22 && rng.chance(0.4)
        ? 'student'
        : rng.pick(['unemployed', 'unemployed', 'flexible', 'flexible', 'employed', 'self_employed', 'other'] as const);
  const hukouType: Person['hukouType'] = local ? (rng.chance(0.75) ? 'urban' : 'agricultural') : rng.chance(0.7) ? 'agricultural' : 'urban';

  const codes = new Set<CategoryCode>();
  if (employmentStatus === 'unemployed') codes.add('unemployed');
  if (employmentStatus === 'flexible') codes.add('flexible');
  if (employmentStatus === 'unemployed' && age >= (sex === 'F' ? 40 : 50)) codes.add('hard_to_employ');
  if (!local && hukouType === 'agricultural') codes.add('migrant');
  if (rural && hukouType === 'agricultural' && rng.chance(0.3)) codes.add('land_expropriated');
  if (age <= 24 && employmentStatus !== 'student' && rng.chance(0.5)) codes.add('new_entrant');
  if (rng.chance(0.15)) codes.add('resident');

  const createdMs = CREATED_FROM + Math.floor(rng.next() * (CREATED_TO - CREATED_FROM));
  const updatedMs = rng.chance(0.3) ? createdMs + Math.floor(rng.next() * 90 * DAY) : createdMs;
  const creator = rng.pick(station.staff);
  const editor = updatedMs === createdMs ? creator : rng.pick(station.staff);
  const active = !rng.chance(0.04);

  return {
    id: derivePersonKey(opts.secret, idType, idNumber),
    idType,
    idNumber,
    idRev: reverse(idNumber),
    name,
    sex,
    birthDate,
    phone: rng.chance(0.9) ? rng.pick(MOBILE_PREFIXES) + rng.digits(8) : '',
    hukouType,
    address: {
      provinceCode: provinceCodeOf(station.countyCode),
      cityCode: cityCodeOf(station.countyCode),
      countyCode: station.countyCode,
      townCode,
      detail,
    },
    household: null,
    categories: categoriesFor(rng, [...codes], birthMs, createdMs),
    employmentStatus,
    archiveLocation: rng.pick(ARCHIVE_LOCATIONS),
    notes: rng.chance(0.15) ? rng.pick(NOTES) : '',
    active,
    deactivation: active ? null : { reason: rng.pick(DEACTIVATION_REASONS), at: new Date(updatedMs).toISOString(), by: editor.id },
    stationId: station.id,
    createdAt: new Date(createdMs).toISOString(),
    createdBy: creator.id,
    updatedAt: new Date(updatedMs).toISOString(),
    updatedBy: editor.id,
    updatedDevice: DEMO_DEVICE_ID,
    _deleted: false,
  };
}

/** Links some people into households (户): a head and 1–2 members who share the head's address. */
function linkHouseholds(rng: Prng, people: Person[]): void {
  for (let i = 0; i + 2 < people.length; i += 7) {
    const head = people[i];
    if (!head || head.idType !== 'resident') continue;
    head.household = { headId: null, relation: 'head' };
    const members = rng.int(1, 2);
    for (let k = 1; k <= members; k++) {
      const m = people[i + k];
      if (!m || m.stationId !== head.stationId) continue;
      const older = m.birthDate < head.birthDate;
      m.household = { headId: head.id, relation: older ? rng.pick(['parent', 'sibling'] as const) : rng.pick(['spouse', 'child'] as const) };
      m.address = { ...head.address };
    }
  }
}

function createEvent(rng: Prng, p: Person, staff: readonly DemoStaff[]): AuditEvent {
  const by = staff.find((s) => s.id === p.createdBy);
  const filled = Object.entries(p)
    .filter(([k, v]) => !['id', 'idRev', '_deleted', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'updatedDevice', 'stationId'].includes(k) && v !== '' && v !== null)
    .map(([k]) => k);
  return {
    id: ulid(Date.parse(p.createdAt), () => rng.next()),
    entity: 'person',
    entityId: p.id,
    action: 'create',
    fields: filled,
    staffId: p.createdBy,
    staffName: by?.name ?? '',
    deviceId: DEMO_DEVICE_ID,
    stationId: p.stationId,
    at: p.createdAt,
    _deleted: false,
  };
}

/**
 * Reproducible, realistic demo people: valid GB 11643 numbers with real
 * county codes (55% Tianjin, the rest from every province), birth dates
 * 1960–2004, addresses at the stations' real streets/towns. Same seed →
 * same people (only the ids depend on the city's secret).
 */
export function generatePeople(opts: GenerateOptions): { people: Person[]; audit: AuditEvent[] } {
  const all = allCounties();
  const ctx: Ctx = {
    rng: new Prng(opts.seed),
    tianjin: all.filter((c) => c.code.startsWith('12')),
    others: all.filter((c) => !c.code.startsWith('12')),
    towns: townsOf(opts.stations.map((s) => s.countyCode)),
    used: new Set(),
  };
  const people: Person[] = [];
  for (let i = 0; i < opts.count; i++) people.push(makeOne(ctx, opts, i));
  linkHouseholds(ctx.rng, people);
  if (opts.validate ?? true) {
    for (const p of people) {
      const r = personSchema.safeParse(p);
      if (!r.success) throw new Error(`demo person ${p.idNumber} invalid: ${r.error.message}`);
    }
  }
  const staff = opts.stations.flatMap((s) => s.staff);
  const audit = opts.withAudit ? people.map((p) => createEvent(ctx.rng, p, staff)) : [];
  return { people, audit };
}
