import type { Checkpoint } from '../../shared/sync-protocol';
import type { Queryable } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';
import { CommitWatcher } from '../sync/commit-watcher';

/** How often a running server looks for packs published by another process (publish-pack CLI). */
export const PACK_WATCH_MS = 30_000;

async function newestPack(db: Queryable): Promise<{ checkpoint: Checkpoint } | null> {
  const rows = await db.query<Checkpoint>(
    `SELECT xid::text AS xid, seq::text AS seq FROM docs
      WHERE collection = 'packs' AND xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY xid DESC, seq DESC LIMIT 1`,
  );
  const r = rows[0];
  return r ? { checkpoint: r } : null;
}

/**
 * Packs published by the publish-pack command (its own process) reach every
 * open stream: packs are region data, so all cities hear of them and a
 * device outside the region just pulls an empty page. With PGlite the
 * command runs while the server is stopped and devices RESYNC on reconnect.
 */
export class PackWatcher extends CommitWatcher<{ checkpoint: Checkpoint }> {
  constructor(db: Queryable, notifier: ChangeNotifier) {
    super(
      () => newestPack(db),
      (n) => {
        notifier.publishToAll([{ collection: 'packs', checkpoint: n.checkpoint }]);
      },
    );
  }
}
