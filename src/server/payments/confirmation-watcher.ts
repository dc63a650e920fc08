import type { Checkpoint } from '../../shared/sync-protocol';
import type { Queryable } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';
import { CommitWatcher } from '../sync/commit-watcher';
import { CENTRE_ID } from './confirm-payments';

interface NewestConfirmation {
  readonly cityId: string;
  readonly checkpoint: Checkpoint;
}

async function newestConfirmation(db: Queryable): Promise<NewestConfirmation | null> {
  const rows = await db.query<{ city_id: string; xid: string; seq: string }>(
    `SELECT city_id, xid::text AS xid, seq::text AS seq FROM docs
      WHERE collection = 'payments' AND data->>'deviceId' = $1 AND xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY xid DESC, seq DESC LIMIT 1`,
    [CENTRE_ID],
  );
  const r = rows[0];
  return r ? { cityId: r.city_id, checkpoint: { xid: r.xid, seq: r.seq } } : null;
}

/**
 * Confirmations written by the confirm-payments command (its own process).
 * One event for the newest suffices even when several cities got
 * confirmations: a stream that pulls payments from its checkpoint gets
 * everything new; other cities' devices get theirs at their next pull.
 */
export class ConfirmationWatcher extends CommitWatcher<NewestConfirmation> {
  constructor(db: Queryable, notifier: ChangeNotifier) {
    super(
      () => newestConfirmation(db),
      (n) => {
        notifier.publish(n.cityId, [{ collection: 'payments', checkpoint: n.checkpoint }]);
      },
    );
  }
}
