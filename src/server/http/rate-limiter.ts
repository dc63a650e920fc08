/**
 * A token bucket per key, in memory, per process (ADR 020). Each key starts
 * with `capacity` tokens and regains `perSecond`; a request takes one. Kept
 * small on purpose: one server process per city centre, so a shared store
 * (Redis) would add a moving part for nothing. A restart empties the buckets,
 * which is acceptable: limits slow attackers down, they are not a ledger.
 */
export interface BucketRule {
  /** Burst: tokens a fresh key has. */
  readonly capacity: number;
  /** Tokens regained per second. */
  readonly perSecond: number;
}

export interface TakeResult {
  readonly ok: boolean;
  /** Whole seconds until one token is back (0 when ok). */
  readonly retryAfterS: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Keys kept before a sweep drops the full (idle) buckets: bounds memory under a flood of fresh keys. */
const SWEEP_AT = 20_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rule: BucketRule,
    /** Milliseconds; injectable so tests move time instead of waiting. */
    private readonly now: () => number = Date.now,
  ) {}

  private refill(key: string): Bucket {
    const t = this.now();
    const b = this.buckets.get(key);
    if (!b) {
      const fresh = { tokens: this.rule.capacity, at: t };
      if (this.buckets.size >= SWEEP_AT) this.sweep(t);
      this.buckets.set(key, fresh);
      return fresh;
    }
    b.tokens = Math.min(this.rule.capacity, b.tokens + ((t - b.at) / 1000) * this.rule.perSecond);
    b.at = t;
    return b;
  }

  private retryAfter(b: Bucket): number {
    return Math.max(1, Math.ceil(((1 - b.tokens) / this.rule.perSecond)));
  }

  /** Takes a token if there is one. */
  take(key: string): TakeResult {
    const b = this.refill(key);
    if (b.tokens < 1) return { ok: false, retryAfterS: this.retryAfter(b) };
    b.tokens -= 1;
    return { ok: true, retryAfterS: 0 };
  }

  /** Whether a token is there, without taking it. */
  peek(key: string): TakeResult {
    const b = this.refill(key);
    return b.tokens < 1 ? { ok: false, retryAfterS: this.retryAfter(b) } : { ok: true, retryAfterS: 0 };
  }

  /** Gives back a token taken for an attempt that turned out not to count (a correct enrolment code). */
  refund(key: string): void {
    const b = this.refill(key);
    b.tokens = Math.min(this.rule.capacity, b.tokens + 1);
  }

  /** Keys currently tracked (tests, memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(t: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.rule.perSecond >= this.rule.capacity) this.buckets.delete(k);
    }
    // Still full of live keys (a flood of fresh ones): drop the oldest half rather than grow without bound.
    if (this.buckets.size >= SWEEP_AT) {
      let drop = Math.floor(this.buckets.size / 2);
      for (const k of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(k);
      }
    }
  }
}
