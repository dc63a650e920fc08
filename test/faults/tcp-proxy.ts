import net from 'node:net';
import type { Rng } from './random';

/** What the link does to traffic now; changed during a run by the schedule. */
export interface FaultRates {
  /** Extra one-way delay per chunk, uniform in [min, max] ms. */
  readonly latencyMs: readonly [number, number];
  /** Token-bucket rate per direction in bytes/s; null = unlimited. */
  readonly bytesPerSec: number | null;
  /** Probability, per forwarded chunk, that both sides are reset (RST) right there. */
  readonly resetPerChunk: number;
  /** Probability, per new connection, that the request is read and the connection closed with no response. */
  readonly dropPerConnection: number;
}

export const NO_FAULTS: FaultRates = { latencyMs: [0, 0], bytesPerSec: null, resetPerChunk: 0, dropPerConnection: 0 };

/** One complete HTTP request as the client sent it (bytes as on the wire), for duplicate delivery. */
export interface CapturedRequest {
  readonly path: string;
  readonly bytes: Buffer;
}

export interface ProxyStats {
  connections: number;
  refused: number;
  resets: number;
  drops: number;
  bytesUp: number;
  bytesDown: number;
}

/**
 * Token bucket with reservation: a chunk takes its tokens at once (the
 * bucket may go negative) and leaves when the debt is paid, so chunks leave
 * at `rate` on average with bursts up to `burst` bytes.
 */
class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }
  /** Ms to wait before `bytes` may leave. */
  take(bytes: number): number {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.rate;
  }
}

/**
 * Splits the client's byte stream into HTTP/1.1 requests (Content-Length
 * bodies only — what Node's fetch sends for a JSON string) and keeps
 * complete push requests, so the scenario can deliver one a second time.
 */
class RequestFramer {
  private buffer = Buffer.alloc(0);
  constructor(private readonly onRequest: (request: CapturedRequest) => void) {}
  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const head = this.buffer.subarray(0, headerEnd).toString('latin1');
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (/\r\ntransfer-encoding:/i.test(head)) {
        this.buffer = Buffer.alloc(0); // chunked bodies are not captured (not used by our client)
        return;
      }
      const total = headerEnd + 4 + Number(length ?? 0);
      if (this.buffer.length < total) return;
      const bytes = Buffer.from(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
      const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '';
      this.onRequest({ path, bytes });
    }
  }
}

/**
 * A user-space TCP proxy on loopback between the devices and the server,
 * injecting seeded faults: latency, a bandwidth cap, resets at random
 * chunks, connections dropped without an answer, and link down (every
 * connection refused with RST and open ones reset). Fault draws come from
 * its own PRNG stream; which chunk a draw lands on still depends on how the
 * OS splits the bytes, so a seed reproduces the plan, not every byte.
 */
export class FaultProxy {
  private server: net.Server | null = null;
  private rates: FaultRates = NO_FAULTS;
  private up = true;
  private readonly open = new Set<net.Socket>();
  private buckets = { up: new TokenBucket(1, 1), down: new TokenBucket(1, 1) };
  readonly captured: CapturedRequest[] = [];
  readonly stats: ProxyStats = { connections: 0, refused: 0, resets: 0, drops: 0, bytesUp: 0, bytesDown: 0 };

  constructor(private readonly targetPort: number, private readonly rng: Rng, private readonly targetHost = '127.0.0.1') {}

  async listen(): Promise<number> {
    const server = net.createServer((client) => { this.accept(client); });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    return address.port;
  }

  setFaults(rates: FaultRates): void {
    this.rates = rates;
    const rate = rates.bytesPerSec ?? 1;
    this.buckets = { up: new TokenBucket(rate, Math.max(4096, rate / 4)), down: new TokenBucket(rate, Math.max(4096, rate / 4)) };
  }

  /** Link down: new connections are reset at once and open ones are reset now. */
  setLinkUp(up: boolean): void {
    this.up = up;
    if (!up) for (const s of [...this.open]) s.resetAndDestroy();
  }

  async close(): Promise<void> {
    for (const s of [...this.open]) s.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  }

  private track(s: net.Socket): void {
    this.open.add(s);
    s.on('close', () => this.open.delete(s));
    s.on('error', () => undefined); // resets are the point; the peer sees them
  }

  private accept(client: net.Socket): void {
    this.stats.connections++;
    this.track(client);
    if (!this.up) {
      this.stats.refused++;
      client.resetAndDestroy();
      return;
    }
    const framer = new RequestFramer((r) => {
      if (r.path.includes('/push')) {
        this.captured.push(r);
        if (this.captured.length > 30) this.captured.shift();
      }
    });
    if (this.rng.chance(this.rates.dropPerConnection)) {
      // Read the request, then close without answering (a middlebox giving up).
      this.stats.drops++;
      client.once('data', () => { client.end(); });
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.track(upstream);
    // The server is down (killed): the client sees a reset, as through a real gateway.
    upstream.on('error', () => { client.resetAndDestroy(); });
    client.on('close', () => { if (!upstream.destroyed) upstream.destroy(); });
    upstream.on('close', () => { if (!client.destroyed) client.destroySoon(); });
    this.pipe(client, upstream, 'up', framer);
    this.pipe(upstream, client, 'down', null);
  }

  /** Forwards chunks from `from` to `to` in order, each after its latency and bucket delay. */
  private pipe(from: net.Socket, to: net.Socket, dir: 'up' | 'down', framer: RequestFramer | null): void {
    let lastAt = 0;
    let queued = 0;
    let chain = Promise.resolve();
    const later = (at: number, fn: () => void): void => {
      queued++;
      chain = chain.then(() => new Promise<void>((resolve) => {
        setTimeout(() => { queued--; fn(); resolve(); }, Math.max(0, at - Date.now()));
      }));
    };
    from.on('data', (chunk: Buffer) => {
      framer?.feed(chunk);
      if (dir === 'up') this.stats.bytesUp += chunk.length;
      else this.stats.bytesDown += chunk.length;
      if (this.rng.chance(this.rates.resetPerChunk)) {
        this.stats.resets++;
        from.resetAndDestroy();
        to.resetAndDestroy();
        return;
      }
      const [lo, hi] = this.rates.latencyMs;
      const wait = (hi > 0 ? lo + this.rng.next() * (hi - lo) : 0) + (this.rates.bytesPerSec === null ? 0 : this.buckets[dir].take(chunk.length));
      const at = Math.max(lastAt, Date.now() + wait);
      lastAt = at;
      // Nothing waiting and no delay: write now (keeps the no-fault path fast).
      if (queued === 0 && at <= Date.now()) {
        if (!to.destroyed) to.write(chunk);
      } else {
        later(at, () => { if (!to.destroyed) to.write(chunk); });
      }
    });
    from.on('end', () => {
      if (queued === 0) to.end();
      else later(lastAt, () => { if (!to.destroyed) to.end(); });
    });
  }
}

/** Sends captured request bytes straight to the server (bypassing the proxy); resolves with the status line. */
export function replayRequest(port: number, bytes: Buffer, timeoutMs = 5000, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let answer = '';
    const done = (result: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => { done(answer.split('\r\n')[0] || 'timeout'); }, timeoutMs);
    socket.on('error', (e) => { done(`error ${e.message}`); });
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      // One response is enough to know how the server took the duplicate.
      if (answer.includes('\r\n\r\n')) done(answer.split('\r\n')[0] ?? '');
    });
    socket.write(bytes);
  });
}
