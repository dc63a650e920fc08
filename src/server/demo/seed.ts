import { ulid } from 'ulid';
import type { SqlDb } from '../db/sql-db';
import { secretFromHex } from '../../shared/person-key';
import { countCities, insertCity, insertStaff, insertStation } from '../org/org-store';
import { hashEnrolmentCode, newPersonKeySecretHex } from '../org/secrets';
import { bulkInsertDocs } from '../sync/docs-store';
import { generatePeople, type DemoStationRef } from './people';
import { Prng } from './prng';

export const DEMO_CITY = { name: '天津市', regionCode: '120000' } as const;

/** Demo stations (docs/protocol.md and http-api brief): codes and enrolment codes are public demo values. */
export const DEMO_STATIONS = [
  {
    code: 'HX01',
    name: '河西区友谊路街道劳动保障服务站',
    enrolmentCode: '100001',
    countyCode: '120103',
    homeTownCode: '120103007000',
    staff: [{ name: '张丽华', reviewer: true }, { name: '王建国', reviewer: false }, { name: '李敏', reviewer: false }],
  },
  {
    code: 'XQ01',
    name: '西青区杨柳青镇劳动保障服务站',
    enrolmentCode: '200002',
    countyCode: '120111',
    homeTownCode: '120111101000',
    staff: [{ name: '刘志强', reviewer: true }, { name: '陈静', reviewer: false }],
  },
] as const;

export const DEMO_SEED = 20_240_601;

export interface DemoSummary {
  readonly cityId: string;
  readonly personKeySecret: string;
  readonly stations: readonly { id: string; code: string; name: string; enrolmentCode: string; staffIds: string[] }[];
  readonly people: number;
}

const SEED_LOCK = 720_120_002;
/** Fixed time for demo ULIDs so the ids are the same on every machine. */
const DEMO_ID_TIME = Date.UTC(2024, 0, 1);

/**
 * Seeds the demo city, stations, staff and `people` demo people (with one
 * 'create' audit event each) when the database has no city yet. Returns
 * null when a city already exists (never touches a real database's data).
 */
export async function seedDemo(db: SqlDb, opts: { people?: number; secretHex?: string } = {}): Promise<DemoSummary | null> {
  const rng = new Prng(DEMO_SEED);
  const id = (): string => ulid(DEMO_ID_TIME, () => rng.next());
  const secretHex = opts.secretHex ?? newPersonKeySecretHex();
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await countCities(q)) > 0) return null;
    const cityId = id();
    await insertCity(q, { id: cityId, name: DEMO_CITY.name, regionCode: DEMO_CITY.regionCode, personKeySecret: secretHex });
    const stations: DemoSummary['stations'][number][] = [];
    const refs: DemoStationRef[] = [];
    for (const s of DEMO_STATIONS) {
      const stationId = id();
      await insertStation(q, { id: stationId, cityId, code: s.code, name: s.name, enrolmentCodeHash: hashEnrolmentCode(s.enrolmentCode) });
      const staff = s.staff.map((m) => ({ id: id(), name: m.name, reviewer: m.reviewer }));
      for (const m of staff) await insertStaff(q, { ...m, stationId });
      stations.push({ id: stationId, code: s.code, name: s.name, enrolmentCode: s.enrolmentCode, staffIds: staff.map((m) => m.id) });
      refs.push({ id: stationId, countyCode: s.countyCode, homeTownCode: s.homeTownCode, staff });
    }
    const count = opts.people ?? 300;
    const { people, audit } = generatePeople({ secret: secretFromHex(secretHex), count, seed: DEMO_SEED, stations: refs, withAudit: true });
    await bulkInsertDocs(q, [
      ...people.map((p) => ({ collection: 'persons' as const, id: p.id, cityId, stationId: p.stationId, data: p })),
      ...audit.map((a) => ({ collection: 'audit' as const, id: a.id, cityId, stationId: a.stationId, data: a })),
    ]);
    return { cityId, personKeySecret: secretHex, stations, people: people.length };
  });
}
