import type { Queryable } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';
import type { WrittenDoc } from '../sync/docs-store';
import { CENTRE_ID } from './confirm-payments';

/**
 * `confirm-payments` runs as its own process (like publish-pack), so the
 * server's in-process notifier never hears of its commit. Like the
 * PackWatcher, this looks now and then at the newest centre-written
 * payment and tells the streams of its city when it moved. Confirmation
 * files come a few times a day at most; the poll reads one indexed row.
 */
export class ConfirmationWatcher {
  private last: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly notifier: ChangeNotifier,
  ) {}

  private async newest(): Promise<{ cityId: string; written: WrittenDoc } | null> {
    const rows = await this.db.query<{ city_id: string; xid: string; seq: string }>(
      `SELECT city_id, xid::text AS xid, seq::text AS seq FROM docs
        WHERE collection = 'payments' AND data->>'deviceId' = $1 AND xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY xid DESC, seq DESC LIMIT 1`,
      [CENTRE_ID],
    );
    const r = rows[0];
    return r ? { cityId: r.city_id, written: { collection: 'payments', checkpoint: { xid: r.xid, seq: r.seq } } } : null;
  }

  async prime(): Promise<void> {
    const n = await this.newest();
    this.last = n ? `${n.written.checkpoint.xid}/${n.written.checkpoint.seq}` : null;
  }

  /**
   * Notifies the city of the newest confirmation when it is new since the last look.
   * One event suffices even when several cities got confirmations: a stream that pulls
   * payments from its checkpoint gets everything new; other cities' devices get theirs
   * at their next pull (or RESYNC).
   */
  async check(): Promise<boolean> {
    const n = await this.newest();
    const key = n ? `${n.written.checkpoint.xid}/${n.written.checkpoint.seq}` : null;
    if (n === null || key === this.last) return false;
    this.last = key;
    this.notifier.publish(n.cityId, [n.written]);
    return true;
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.check().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
