import type { SqlDb } from './sql-db';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** One statement per entry: PGlite's extended protocol runs a single statement per query. */
  readonly statements: readonly string[];
}

/**
 * Append-only list. Never edit an applied migration; add a new version.
 * The same SQL runs on PGlite and PostgreSQL (both ≥ 15 here).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cities, stations, staff, devices, docs, push_rejections',
    statements: [
      `CREATE TABLE cities (
        id text PRIMARY KEY,
        name text NOT NULL,
        region_code text NOT NULL,
        person_key_secret text NOT NULL CHECK (person_key_secret ~ '^([0-9a-f]{2}){32,}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE stations (
        id text PRIMARY KEY,
        city_id text NOT NULL REFERENCES cities(id),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        enrolment_code_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE staff (
        id text PRIMARY KEY,
        station_id text NOT NULL REFERENCES stations(id),
        name text NOT NULL,
        reviewer boolean NOT NULL DEFAULT false
      )`,
      `CREATE TABLE devices (
        id text PRIMARY KEY,
        station_id text NOT NULL REFERENCES stations(id),
        device_no integer NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        UNIQUE (station_id, device_no)
      )`,
      `CREATE SEQUENCE docs_seq`,
      // xid/seq: the pull position of the row's last write (ADR 002).
      `CREATE TABLE docs (
        collection text NOT NULL,
        id text NOT NULL,
        city_id text NOT NULL REFERENCES cities(id),
        station_id text REFERENCES stations(id),
        data jsonb NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        seq bigint NOT NULL DEFAULT nextval('docs_seq'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      )`,
      `CREATE INDEX docs_pull_idx ON docs (collection, city_id, xid, seq)`,
      `CREATE TABLE push_rejections (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        device_id text NOT NULL,
        collection text NOT NULL,
        doc_id text NOT NULL,
        reason text NOT NULL,
        payload jsonb NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'policy packs: region-scoped docs, centre signing keys',
    statements: [
      // Packs belong to a region (province or city code), not to a city of ours: a pack doc has
      // region_code and no city_id; every other doc keeps its city (CHECK below).
      `ALTER TABLE docs ALTER COLUMN city_id DROP NOT NULL`,
      `ALTER TABLE docs ADD COLUMN region_code text`,
      `ALTER TABLE docs ADD CONSTRAINT docs_scope_chk CHECK (
        (collection = 'packs' AND region_code ~ '^[0-9]{6}$' AND city_id IS NULL)
        OR (collection <> 'packs' AND city_id IS NOT NULL AND region_code IS NULL))`,
      `CREATE INDEX docs_region_pull_idx ON docs (collection, region_code, xid, seq) WHERE region_code IS NOT NULL`,
      // private_key_hex is NULL for a key supplied by the operator (SHEBAO_PACK_SIGNING_KEY): only
      // its public half is recorded, so devices can trust it (ADR 007, server part).
      `CREATE TABLE centre_keys (
        key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
        public_key_hex text NOT NULL UNIQUE CHECK (public_key_hex ~ '^[0-9a-f]{64}$'),
        private_key_hex text CHECK (private_key_hex ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`,
    ],
  },
  {
    version: 3,
    name: 'payments: city-wide unique receipt numbers, receipt blocks',
    statements: [
      // Set only for payments of kind contribution/top_up/void_receipt (ADR 011): a receipt number is
      // used by one such record in the whole database (station codes are unique, so city-wide too).
      `ALTER TABLE docs ADD COLUMN receipt_no text`,
      `CREATE UNIQUE INDEX docs_receipt_no_uq ON docs (receipt_no) WHERE receipt_no IS NOT NULL`,
      // Serials are per station + device + year (both are in the receipt number), so a device's
      // blocks only have to avoid each other: the lease locks the device row while it picks the next.
      `CREATE TABLE receipt_blocks (
        device_id text NOT NULL REFERENCES devices(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        serial_from integer NOT NULL CHECK (serial_from >= 1),
        serial_to integer NOT NULL CHECK (serial_to >= serial_from AND serial_to <= 999999),
        leased_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (device_id, year, serial_from)
      )`,
      `CREATE INDEX receipt_blocks_leased_idx ON receipt_blocks (device_id, leased_at)`,
      // Confirmations written by the centre (confirm-payments, another process): the running server
      // polls the newest one to tell streams (ConfirmationWatcher), and import looks them up by refId.
      `CREATE INDEX docs_centre_payments_idx ON docs ((data->>'refId'), xid, seq) WHERE collection = 'payments' AND data->>'deviceId' = 'centre'`,
    ],
  },
];

/** Arbitrary constant: serialises migrations of several server processes on one PostgreSQL. */
const MIGRATION_LOCK = 720_120_001;

/**
 * Applies every migration not yet recorded in schema_migrations, in
 * version order, in one transaction. Safe to call on every start.
 * Returns the versions it applied.
 */
export async function migrate(db: SqlDb, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const s of m.statements) await q.query(s);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
