import type { StreamEvent } from '../../shared/sync-protocol';
import type { WrittenDoc } from './docs-store';

type Listener = (event: StreamEvent) => void;

/**
 * In-process fan-out of "something changed" after a commit, to the SSE
 * streams of the same city. Enough for one server process; several
 * processes on one PostgreSQL would need LISTEN/NOTIFY (docs/adr/003).
 */
export class ChangeNotifier {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(cityId: string, listener: Listener): () => void {
    let set = this.listeners.get(cityId);
    if (!set) {
      set = new Set();
      this.listeners.set(cityId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(cityId);
    };
  }

  /** Call after COMMIT only: one event per collection, carrying the highest position written. */
  publish(cityId: string, written: readonly WrittenDoc[]): void {
    const set = this.listeners.get(cityId);
    if (!set || written.length === 0) return;
    const last = new Map<string, WrittenDoc>();
    for (const w of written) {
      const prev = last.get(w.collection);
      if (!prev || compareCheckpoint(w.checkpoint, prev.checkpoint) > 0) last.set(w.collection, w);
    }
    for (const w of last.values()) {
      const event: StreamEvent = { type: 'changes', collection: w.collection, checkpoint: w.checkpoint };
      for (const l of set) l(event);
    }
  }

  /**
   * Region-scoped writes (policy packs) reach every open stream: packs are
   * published a few times a year, and a device outside the pack's region
   * just pulls an empty page.
   */
  publishToAll(written: readonly WrittenDoc[]): void {
    for (const cityId of [...this.listeners.keys()]) this.publish(cityId, written);
  }

  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}

export function compareCheckpoint(a: { xid: string; seq: string }, b: { xid: string; seq: string }): number {
  const x = BigInt(a.xid) - BigInt(b.xid);
  if (x !== 0n) return x > 0n ? 1 : -1;
  const s = BigInt(a.seq) - BigInt(b.seq);
  return s === 0n ? 0 : s > 0n ? 1 : -1;
}
