import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrations';
import type { Queryable, SqlDb } from '../../src/server/db/sql-db';
import { seedDemo } from '../../src/server/demo/seed';
import { insertDocIfAbsent, pullDocs } from '../../src/server/sync/docs-store';
import type { Checkpoint } from '../../src/shared/sync-protocol';
import { openFreshPostgres, pgUrl, type OpenedDb } from './helpers/db-variants';

/** A promise plus the function that resolves it: lets the test hold a transaction open at a chosen point. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

/**
 * ADR 002: a pull must never skip a row whose transaction commits late.
 * Needs real concurrent connections, so PostgreSQL only (PGlite runs one
 * transaction at a time and cannot interleave).
 */
describe.skipIf(pgUrl === '')('pull ordering under interleaved writers (PostgreSQL)', () => {
  let opened: OpenedDb;
  let db: SqlDb;
  let cityId: string;
  beforeAll(async () => {
    opened = await openFreshPostgres(6);
    db = opened.db;
    await migrate(db);
    cityId = (await seedDemo(db, { people: 0 }))!.cityId;
  });
  afterAll(async () => {
    await opened.dispose();
  });

  const write = (q: Queryable, id: string) => insertDocIfAbsent(q, { collection: 'audit', id, cityId, stationId: null, data: { id } });
  const pull = async (after: Checkpoint | null) => {
    const page = await pullDocs(db, { collection: 'audit', cityId, after, limit: 100 });
    return { documents: page.documents as { id: string }[], checkpoint: page.checkpoint };
  };

  it('holds back a later commit until the earlier transaction ends, then returns both in order', async () => {
    await db.tx((q) => write(q, 'before'));
    const start = await pull(null);
    expect(start.documents.map((d) => d.id)).toEqual(['before']);

    const aWrote = gate();
    const aCommit = gate();
    // Writer A: takes its xid, writes, then waits with its transaction open.
    const writerA = db.tx(async (q) => {
      await q.query('SELECT pg_current_xact_id()');
      const w = await write(q, 'A');
      aWrote.open();
      await aCommit.wait;
      return w;
    });
    await aWrote.wait;
    // Writer B: starts after A, writes and commits while A is still open.
    const b = await db.tx((q) => write(q, 'B'));
    expect(b).not.toBeNull();

    // B is committed and visible to a plain query ordered by seq alone…
    const naive = await db.query<{ id: string }>("SELECT id FROM docs WHERE collection = 'audit' AND city_id = $1 ORDER BY seq", [cityId]);
    expect(naive.map((r) => r.id)).toEqual(['before', 'B']);
    // …but the pull holds it back: returning B now would move the checkpoint past A.
    const during = await pull(start.checkpoint);
    expect(during.documents).toEqual([]);
    expect(during.checkpoint).toEqual(start.checkpoint);

    aCommit.open();
    const a = await writerA;
    expect(BigInt(a!.checkpoint.xid)).toBeLessThan(BigInt(b!.checkpoint.xid));
    const after = await pull(during.checkpoint);
    expect(after.documents.map((d) => d.id)).toEqual(['A', 'B']);
    expect(after.checkpoint).toEqual(b!.checkpoint);
    expect((await pull(after.checkpoint)).documents).toEqual([]);
  });

  it('never returns a row of a transaction that rolls back, and does not stall after it', async () => {
    const start = await pull(null);
    const wrote = gate();
    const abort = gate();
    const doomed = db.tx(async (q) => {
      await write(q, 'doomed');
      wrote.open();
      await abort.wait;
      throw new Error('rollback');
    });
    await wrote.wait;
    await db.tx((q) => write(q, 'C'));
    expect((await pull(start.checkpoint)).documents).toEqual([]);
    abort.open();
    await expect(doomed).rejects.toThrow('rollback');
    expect((await pull(start.checkpoint)).documents.map((d) => d.id)).toEqual(['C']);
  });
});
