import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/server/db/migrations';
import type { SqlDb } from '../../src/server/db/sql-db';
import { generatePeople } from '../../src/server/demo/people';
import { DEMO_STATIONS, seedDemo } from '../../src/server/demo/seed';
import { auditEventSchema } from '../../src/shared/audit';
import { parseIdNumber } from '../../src/shared/id-number';
import { derivePersonKey, secretFromHex } from '../../src/shared/person-key';
import { personSchema, type Person } from '../../src/shared/person';
import { DB_VARIANTS, type OpenedDb } from './helpers/db-variants';

describe.each(DB_VARIANTS)('storage on $name', (variant) => {
  let opened: OpenedDb;
  let db: SqlDb;
  beforeAll(async () => {
    opened = await variant.open();
    db = opened.db;
  });
  afterAll(async () => {
    await opened.dispose();
  });

  it('applies migrations once and is idempotent on every later start', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('supports the xid8 snapshot functions ADR 002 relies on', async () => {
    const rows = await db.query<{ ok: boolean }>('SELECT pg_current_xact_id() >= pg_snapshot_xmin(pg_current_snapshot()) AS ok');
    expect(rows[0]?.ok).toBe(true);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.tx(async (q) => {
        await q.query("INSERT INTO cities (id, name, region_code, person_key_secret) VALUES ('x', 'x', '110000', $1)", ['ab'.repeat(32)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query("SELECT id FROM cities WHERE id = 'x'")).toEqual([]);
  });

  it('seeds the demo city once with valid people and one create event each', async () => {
    const demo = await seedDemo(db, { people: 120 });
    expect(demo).not.toBeNull();
    expect(await seedDemo(db, { people: 120 })).toBeNull();
    expect(demo?.stations.map((s) => s.code)).toEqual(DEMO_STATIONS.map((s) => s.code));
    const staff = await db.query<{ station_id: string; reviewer: boolean }>('SELECT station_id, reviewer FROM staff');
    for (const s of demo?.stations ?? []) {
      const mine = staff.filter((m) => m.station_id === s.id);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.filter((m) => m.reviewer)).toHaveLength(1);
    }
    const persons = await db.query<{ data: Person }>("SELECT data FROM docs WHERE collection = 'persons'");
    expect(persons).toHaveLength(120);
    const secret = secretFromHex(demo?.personKeySecret ?? '');
    for (const { data } of persons) {
      expect(personSchema.safeParse(data).success).toBe(true);
      expect(data.id).toBe(derivePersonKey(secret, data.idType, data.idNumber));
    }
    const residents = persons.filter((p) => p.data.idType === 'resident');
    expect(residents.every((p) => parseIdNumber('resident', p.data.idNumber).ok)).toBe(true);
    expect(new Set(residents.map((p) => p.data.idNumber.slice(0, 2))).size).toBeGreaterThan(3);
    const audit = await db.query<{ data: unknown }>("SELECT data FROM docs WHERE collection = 'audit'");
    expect(audit).toHaveLength(120);
    expect(audit.every((a) => auditEventSchema.safeParse(a.data).success)).toBe(true);
  });
});

describe('demo people generator', () => {
  const stations = [{ id: 'S1', countyCode: '120103', homeTownCode: '120103007000', staff: [{ id: 'U1', name: '张丽华' }] }];
  const secret = secretFromHex('11'.repeat(32));

  it('is reproducible from its seed', () => {
    const a = generatePeople({ secret, count: 50, seed: 7, stations, withAudit: true });
    const b = generatePeople({ secret, count: 50, seed: 7, stations, withAudit: true });
    expect(b).toEqual(a);
    expect(generatePeople({ secret, count: 50, seed: 8, stations }).people).not.toEqual(a.people);
  });

  it('makes unique, valid people with households and categories', () => {
    const { people } = generatePeople({ secret, count: 400, seed: 1, stations });
    expect(new Set(people.map((p) => p.id)).size).toBe(400);
    expect(people.some((p) => p.household?.relation === 'head')).toBe(true);
    expect(people.some((p) => p.categories.length > 0)).toBe(true);
    expect(people.some((p) => !p.active)).toBe(true);
    expect(new Set(people.map((p) => p.hukouType)).size).toBe(2);
  });
});
