import type { Checkpoint } from '../../shared/sync-protocol';

/**
 * Tells open streams about commits made by ANOTHER process (the publish-pack
 * and confirm-payments commands): the in-process notifier never hears of
 * those. It looks now and then at the newest relevant row's checkpoint and
 * announces it when it moved. Such commits come a few times a day at most,
 * so a poll of one indexed row is cheaper and simpler than LISTEN/NOTIFY,
 * which PGlite's single process could not use anyway.
 */
export class CommitWatcher<T extends { readonly checkpoint: Checkpoint }> {
  private last: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly newest: () => Promise<T | null>,
    private readonly announce: (latest: T) => void,
  ) {}

  private static keyOf(n: { readonly checkpoint: Checkpoint } | null): string | null {
    return n ? `${n.checkpoint.xid}/${n.checkpoint.seq}` : null;
  }

  /** Remembers the current newest row without announcing it (call once before serving). */
  async prime(): Promise<void> {
    this.last = CommitWatcher.keyOf(await this.newest());
  }

  /** Announces the newest row when it changed since the last look. Returns whether it did. */
  async check(): Promise<boolean> {
    const n = await this.newest();
    const key = CommitWatcher.keyOf(n);
    if (n === null || key === this.last) return false;
    this.last = key;
    this.announce(n);
    return true;
  }

  start(intervalMs: number): void {
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
