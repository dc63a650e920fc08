import { ulid } from 'ulid';
import type { SqlDb } from '../../../src/server/db/sql-db';
import { insertCity, insertStaff, insertStation } from '../../../src/server/org/org-store';
import { hashEnrolmentCode, newPersonKeySecretHex } from '../../../src/server/org/secrets';
import type { AuditEvent } from '../../../src/shared/audit';
import { gb11643CheckChar } from '../../../src/shared/id-number';
import { secretFromHex } from '../../../src/shared/person-key';
import type { Person } from '../../../src/shared/person';
import type { EnrolmentRecord } from '../../../src/shared/records';
import type { EnrolResponse, PushRow } from '../../../src/shared/sync-protocol';
import { NO_RATE_LIMITS } from '../../../src/server/http/request-limits';
import type { DbVariant } from '../helpers/db-variants';
import { authHeaders, enrol, makeFixture, type Fixture } from '../helpers/fixture';
import { authorOf, makeAudit, makePerson, type Author } from '../helpers/people';

/** A second city, so that "another city's secret / station / device" exists. Not part of the demo seed. */
export const OTHER_CITY = { name: '苏州市', regionCode: '320500', stationCode: 'SZ01', enrolmentCode: '300003' } as const;

export interface WorldDevice {
  readonly enrolment: EnrolResponse;
  readonly token: string;
  readonly author: Author;
  readonly secret: Uint8Array;
  /** County code used for this device's fresh ID numbers (inside its city). */
  readonly county: string;
  /** Station ids of the device's city: every pulled document must carry one of them. */
  readonly cityStations: ReadonlySet<string>;
  /** Region codes of packs this device may pull. */
  readonly packRegions: ReadonlySet<string>;
}

export interface StoredPush {
  readonly collection: 'persons' | 'audit' | 'records';
  readonly token: string;
  readonly rows: PushRow<Person | AuditEvent | EnrolmentRecord>[];
}

export interface FuzzWorld {
  readonly fixture: Fixture;
  /** HX01 and XQ01 devices of Tianjin, and a device of the other city. */
  readonly hx: WorldDevice;
  readonly xq: WorldDevice;
  readonly other: WorldDevice;
  /** Token of an HX01 device revoked by SQL (as the centre will do). */
  readonly revokedToken: string;
  /** Persons and audit events stored before the fuzz; their exact pushes can be replayed as no-ops. */
  readonly persons: readonly Person[];
  readonly otherPersons: readonly Person[];
  readonly audit: readonly AuditEvent[];
  readonly pushes: readonly StoredPush[];
}

let freshCounter = 0;

/**
 * A valid resident ID number never used before in this process: n is spread
 * over birth date (≈55 years of days) and the 3-digit sequence, so no two
 * calls collide and no demo person is hit (the world seeds no demo people).
 */
export function freshIdNumber(county: string): string {
  freshCounter += 1;
  const n = freshCounter;
  const birth = new Date(Date.UTC(1945, 0, 1) + (n % 20_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${county}${ymd}${String(Math.floor(n / 20_000) % 1000).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

/** A valid person of `dev`'s city, fresh id. */
export function freshPerson(dev: WorldDevice, patch: Partial<Person> = {}): Person {
  const p = makePerson(dev.secret, dev.author, {}, freshIdNumber(dev.county));
  const address = { ...p.address, provinceCode: `${dev.county.slice(0, 2)}0000`, cityCode: `${dev.county.slice(0, 4)}00`, countyCode: dev.county, townCode: '' };
  return { ...p, address, ...patch };
}

export const freshAudit = (dev: WorldDevice, entityId: string): AuditEvent => makeAudit(dev.author, entityId, { id: ulid() });

/**
 * An enrolment record of `dev` (window records, ADR 012). Suspended with a
 * reason: every field then has exactly one valid JSON type (an active
 * record's null reason could turn into a valid string), so any wrong type
 * must be refused.
 */
export const freshRecord = (dev: WorldDevice, personId: string): EnrolmentRecord => ({
  id: ulid(), kind: 'enrolment', personId, scheme: 'residents_pension', status: 'suspended', effectiveMonth: '2025-03', reason: '外出务工',
  ...dev.author, createdAt: '2025-03-01T08:00:00.000Z', _deleted: false,
});

async function addOtherCity(db: SqlDb): Promise<void> {
  const cityId = ulid();
  const stationId = ulid();
  await db.tx(async (q) => {
    await insertCity(q, { id: cityId, name: OTHER_CITY.name, regionCode: OTHER_CITY.regionCode, personKeySecret: newPersonKeySecretHex() });
    await insertStation(q, {
      id: stationId,
      cityId,
      code: OTHER_CITY.stationCode,
      name: '姑苏区平江街道劳动保障服务站',
      enrolmentCodeHash: hashEnrolmentCode(OTHER_CITY.enrolmentCode),
    });
    await insertStaff(q, { id: ulid(), stationId, name: '周晓梅', reviewer: true });
  });
}

function device(e: EnrolResponse, county: string, cityStations: ReadonlySet<string>, packRegions: string[]): WorldDevice {
  return { enrolment: e, token: e.token, author: authorOf(e), secret: secretFromHex(e.personKeySecret), county, cityStations, packRegions: new Set(packRegions) };
}

async function pushOk(f: Fixture, p: StoredPush): Promise<void> {
  const res = await f.app.inject({ method: 'POST', url: `/api/v1/sync/${p.collection}/push`, headers: authHeaders(p.token), payload: p.rows });
  if (res.statusCode !== 200) throw new Error(`world push failed: ${res.statusCode} ${res.body}`);
}

/** Tianjin demo seed (no demo people), shipped packs, a second city, four devices (one revoked), some stored docs. */
export async function makeWorld(variant: DbVariant, opts: { staticDir?: string } = {}): Promise<FuzzWorld> {
  // Rate limits off (size limits kept): thousands of requests a second from one address are the point here;
  // the limits themselves are tested in request-limits.test.ts (ADR 020).
  const fixture = await makeFixture(variant, { packs: true, limits: NO_RATE_LIMITS, ...opts });
  await addOtherCity(fixture.db);
  const tj = new Set(fixture.demo.stations.map((s) => s.id));
  const hxE = await enrol(fixture.app, 'HX01', 'fuzz HX');
  const xqE = await enrol(fixture.app, 'XQ01', 'fuzz XQ');
  const enrolOther = await fixture.app.inject({
    method: 'POST',
    url: '/api/v1/devices/enrol',
    payload: { stationCode: OTHER_CITY.stationCode, enrolmentCode: OTHER_CITY.enrolmentCode, deviceName: 'fuzz SZ' },
  });
  if (enrolOther.statusCode !== 201) throw new Error(`other-city enrol failed: ${enrolOther.body}`);
  const otherE = enrolOther.json<EnrolResponse>();
  const revoked = await enrol(fixture.app, 'HX01', 'fuzz revoked');
  await fixture.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [revoked.deviceId]);

  const hx = device(hxE, '120104', tj, ['120000']);
  const xq = device(xqE, '120111', tj, ['120000']);
  const other = device(otherE, '320508', new Set([otherE.station.id]), ['320500', '320000']);

  const persons = [...Array.from({ length: 12 }, () => freshPerson(hx)), ...Array.from({ length: 8 }, () => freshPerson(xq))];
  const otherPersons = Array.from({ length: 6 }, () => freshPerson(other));
  const audit = [...persons.map((p) => freshAudit(p.stationId === hx.author.stationId ? hx : xq, p.id)), ...otherPersons.map((p) => freshAudit(other, p.id))];
  const rowsOf = <T>(docs: readonly T[]): PushRow<T>[] => docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
  const records = [...persons.map((p) => freshRecord(p.stationId === hx.author.stationId ? hx : xq, p.id)), ...otherPersons.map((p) => freshRecord(other, p.id))];
  const recordsOf = (d: WorldDevice): PushRow<EnrolmentRecord>[] => rowsOf(records.filter((r) => r.deviceId === d.author.deviceId));
  const pushes: StoredPush[] = [
    { collection: 'persons', token: hx.token, rows: rowsOf(persons.slice(0, 12)) },
    { collection: 'persons', token: xq.token, rows: rowsOf(persons.slice(12)) },
    { collection: 'persons', token: other.token, rows: rowsOf(otherPersons) },
    { collection: 'audit', token: hx.token, rows: rowsOf(audit.filter((a) => a.deviceId === hx.author.deviceId)) },
    { collection: 'audit', token: xq.token, rows: rowsOf(audit.filter((a) => a.deviceId === xq.author.deviceId)) },
    { collection: 'audit', token: other.token, rows: rowsOf(audit.filter((a) => a.deviceId === other.author.deviceId)) },
    { collection: 'records', token: hx.token, rows: recordsOf(hx) },
    { collection: 'records', token: xq.token, rows: recordsOf(xq) },
    { collection: 'records', token: other.token, rows: recordsOf(other) },
  ];
  for (const p of pushes) await pushOk(fixture, p);
  return { fixture, hx, xq, other, revokedToken: revoked.token, persons, otherPersons, audit, pushes };
}

/** Ids the fuzz run was allowed to create (well-formed control requests, and hostile-looking ones the server may accept). */
export interface Allowed {
  readonly docs: Set<string>;
  readonly devices: Set<string>;
}

export const newAllowed = (): Allowed => ({ docs: new Set(), devices: new Set() });

/** Stored state as comparable lines. push_rejections is left out on purpose: it logs refused audit rewrites. */
export async function snapshotState(db: SqlDb, allowed: Allowed): Promise<string[]> {
  const docs = await db.query<{ collection: string; id: string; line: string }>(
    `SELECT collection, id, concat_ws('|', collection, id, city_id, station_id, region_code, xid::text, seq::text, data::text) AS line
       FROM docs ORDER BY collection, id`,
  );
  const devices = await db.query<{ id: string; line: string }>(
    `SELECT id, concat_ws('|', id, station_id, device_no, name, token_hash, revoked_at::text) AS line FROM devices ORDER BY id`,
  );
  const org = await db.query<{ line: string }>(
    `SELECT 'city|' || concat_ws('|', id, name, region_code, person_key_secret) AS line FROM cities
     UNION ALL SELECT 'station|' || concat_ws('|', id, city_id, code, name, enrolment_code_hash) FROM stations
     UNION ALL SELECT 'staff|' || concat_ws('|', id, station_id, name, reviewer::text) FROM staff
     UNION ALL SELECT 'key|' || concat_ws('|', key_id, public_key_hex, retired_at::text) FROM centre_keys
     ORDER BY 1`,
  );
  return [
    ...docs.filter((d) => !allowed.docs.has(`${d.collection}/${d.id}`)).map((d) => `doc|${d.line}`),
    ...devices.filter((d) => !allowed.devices.has(d.id)).map((d) => `device|${d.line}`),
    ...org.map((o) => o.line),
  ];
}

/** First differences between two snapshots, for a readable failure. */
export function snapshotDiff(before: readonly string[], after: readonly string[]): string[] {
  const a = new Set(after);
  const b = new Set(before);
  return [...before.filter((l) => !a.has(l)).map((l) => `- ${l.slice(0, 300)}`), ...after.filter((l) => !b.has(l)).map((l) => `+ ${l.slice(0, 300)}`)].slice(0, 10);
}
