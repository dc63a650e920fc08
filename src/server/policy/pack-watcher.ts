import type { Checkpoint } from '../../shared/sync-protocol';
import type { Queryable } from '../db/sql-db';
import type { ChangeNotifier } from '../sync/change-notifier';

/** How often a running server looks for packs published by another process (publish-pack CLI). */
export const PACK_WATCH_MS = 30_000;

/**
 * `publish-pack` runs as its own process, so the server's in-process
 * notifier never hears of its commit. The watcher looks at the newest pack
 * position now and then and tells every open stream when it moved. Packs
 * come a few times a year: a poll of one indexed row is cheaper and
 * simpler than LISTEN/NOTIFY, which PGlite's single process would not need
 * anyway (there the CLI runs while the server is stopped, and devices
 * RESYNC when they reconnect).
 */
export class PackWatcher {
  private last: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly notifier: ChangeNotifier,
  ) {}

  private async newest(): Promise<Checkpoint | null> {
    const rows = await this.db.query<Checkpoint>(
      `SELECT xid::text AS xid, seq::text AS seq FROM docs
        WHERE collection = 'packs' AND xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY xid DESC, seq DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** Remembers the current newest pack without notifying (call once before serving). */
  async prime(): Promise<void> {
    const n = await this.newest();
    this.last = n ? `${n.xid}/${n.seq}` : null;
  }

  /** Notifies every stream when a pack was stored since the last look. Returns whether it did. */
  async check(): Promise<boolean> {
    const n = await this.newest();
    const key = n ? `${n.xid}/${n.seq}` : null;
    if (n === null || key === this.last) return false;
    this.last = key;
    this.notifier.publishToAll([{ collection: 'packs', checkpoint: n }]);
    return true;
  }

  start(intervalMs = PACK_WATCH_MS): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      // A failed look (database restarting) is retried at the next tick.
      this.check().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
