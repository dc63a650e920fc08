import type { Queryable } from '../db/sql-db';

export interface CityRow {
  readonly id: string;
  readonly name: string;
  readonly regionCode: string;
  readonly personKeySecret: string;
}

export interface StationRow {
  readonly id: string;
  readonly cityId: string;
  readonly code: string;
  readonly name: string;
  readonly enrolmentCodeHash: string;
}

export interface StaffRow {
  readonly id: string;
  readonly stationId: string;
  readonly name: string;
  readonly reviewer: boolean;
}

/** The authenticated caller of a sync request. */
export interface DeviceContext {
  readonly deviceId: string;
  readonly deviceNo: number;
  readonly stationId: string;
  readonly cityId: string;
}

export async function insertCity(q: Queryable, c: CityRow): Promise<void> {
  await q.query('INSERT INTO cities (id, name, region_code, person_key_secret) VALUES ($1, $2, $3, $4)', [
    c.id, c.name, c.regionCode, c.personKeySecret,
  ]);
}

export async function insertStation(q: Queryable, s: StationRow): Promise<void> {
  await q.query('INSERT INTO stations (id, city_id, code, name, enrolment_code_hash) VALUES ($1, $2, $3, $4, $5)', [
    s.id, s.cityId, s.code, s.name, s.enrolmentCodeHash,
  ]);
}

export async function insertStaff(q: Queryable, s: StaffRow): Promise<void> {
  await q.query('INSERT INTO staff (id, station_id, name, reviewer) VALUES ($1, $2, $3, $4)', [s.id, s.stationId, s.name, s.reviewer]);
}

export async function countCities(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM cities');
  return rows[0]?.n ?? 0;
}

export async function getCity(q: Queryable, id: string): Promise<CityRow | null> {
  const rows = await q.query<{ id: string; name: string; region_code: string; person_key_secret: string }>(
    'SELECT id, name, region_code, person_key_secret FROM cities WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, regionCode: r.region_code, personKeySecret: r.person_key_secret } : null;
}

/** Station by its code, locked so that device numbers are handed out one at a time. */
export async function getStationByCodeForUpdate(q: Queryable, code: string): Promise<StationRow | null> {
  const rows = await q.query<{ id: string; city_id: string; code: string; name: string; enrolment_code_hash: string }>(
    'SELECT id, city_id, code, name, enrolment_code_hash FROM stations WHERE code = $1 FOR UPDATE',
    [code],
  );
  const r = rows[0];
  return r ? { id: r.id, cityId: r.city_id, code: r.code, name: r.name, enrolmentCodeHash: r.enrolment_code_hash } : null;
}

export async function listStations(q: Queryable): Promise<StationRow[]> {
  const rows = await q.query<{ id: string; city_id: string; code: string; name: string; enrolment_code_hash: string }>(
    'SELECT id, city_id, code, name, enrolment_code_hash FROM stations ORDER BY code',
  );
  return rows.map((r) => ({ id: r.id, cityId: r.city_id, code: r.code, name: r.name, enrolmentCodeHash: r.enrolment_code_hash }));
}

export async function stationIdsOfCity(q: Queryable, cityId: string): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>('SELECT id FROM stations WHERE city_id = $1', [cityId]);
  return new Set(rows.map((r) => r.id));
}

export async function listStaff(q: Queryable, stationId: string): Promise<StaffRow[]> {
  const rows = await q.query<{ id: string; station_id: string; name: string; reviewer: boolean }>(
    'SELECT id, station_id, name, reviewer FROM staff WHERE station_id = $1 ORDER BY id',
    [stationId],
  );
  return rows.map((r) => ({ id: r.id, stationId: r.station_id, name: r.name, reviewer: r.reviewer }));
}

/** Inserts a device with the next number of its station (the caller holds the station row lock). */
export async function insertDevice(
  q: Queryable,
  d: { id: string; stationId: string; name: string; tokenHash: string },
): Promise<number> {
  const rows = await q.query<{ device_no: number }>(
    `INSERT INTO devices (id, station_id, device_no, name, token_hash)
     SELECT $1, $2, coalesce(max(device_no), 0) + 1, $3, $4 FROM devices WHERE station_id = $2
     RETURNING device_no`,
    [d.id, d.stationId, d.name, d.tokenHash],
  );
  const r = rows[0];
  if (!r) throw new Error('insertDevice returned nothing');
  return r.device_no;
}

/** The live (not revoked) device that holds this token hash, with its station and city. */
export async function deviceByTokenHash(q: Queryable, tokenHash: string): Promise<DeviceContext | null> {
  const rows = await q.query<{ id: string; device_no: number; station_id: string; city_id: string }>(
    `SELECT d.id, d.device_no, d.station_id, s.city_id FROM devices d JOIN stations s ON s.id = d.station_id
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
    [tokenHash],
  );
  const r = rows[0];
  return r ? { deviceId: r.id, deviceNo: r.device_no, stationId: r.station_id, cityId: r.city_id } : null;
}
