import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, StreamEvent } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { authHeaders, enrol, makeFixture, type Fixture } from './helpers/fixture';
import { authorOf, makePerson } from './helpers/people';

/** Reads SSE `data:` events off a fetch body until `until` accepts one. */
async function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>, until: (e: StreamEvent) => boolean): Promise<StreamEvent[]> {
  const decoder = new TextDecoder();
  const events: StreamEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended after ${JSON.stringify(events)}`);
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const e = JSON.parse(data.slice(6)) as StreamEvent;
      events.push(e);
      if (until(e)) return events;
    }
  }
}

describe.each(DB_VARIANTS)('SSE stream on $name', (variant) => {
  let f: Fixture;
  let url: string;
  let hx: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant);
    url = await f.app.listen({ port: 0, host: '127.0.0.1' });
    hx = await enrol(f.app);
  });
  afterAll(async () => {
    await f.close();
  });

  it('sends RESYNC on connect and a changes event after a push commits', async () => {
    const xq = await enrol(f.app, 'XQ01');
    const abort = new AbortController();
    const res = await fetch(`${url}/api/v1/sync/stream?token=${encodeURIComponent(xq.token)}&v=1`, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    try {
      expect(await readEvents(reader, (e) => e.type === 'RESYNC')).toEqual([{ type: 'RESYNC' }]);
      const p = makePerson(f.secret, authorOf(hx));
      const pushed = await fetch(`${url}/api/v1/sync/persons/push`, {
        method: 'POST',
        headers: { ...authHeaders(hx.token), 'content-type': 'application/json' },
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: p }]),
      });
      expect(pushed.status).toBe(200);
      const events = await readEvents(reader, (e) => e.type === 'changes');
      const changes = events.at(-1);
      expect(changes).toMatchObject({ type: 'changes', collection: 'persons' });
      // The event's checkpoint is the pushed row's position: a pull from just before it returns the row.
      const stored = await f.db.query<{ xid: string; seq: string }>("SELECT xid::text AS xid, seq::text AS seq FROM docs WHERE collection = 'persons' AND id = $1", [p.id]);
      expect(changes).toEqual({ type: 'changes', collection: 'persons', checkpoint: stored[0] });
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
  });

  it('refuses a bad token (401) and another protocol version (426) before streaming', async () => {
    const bad = await fetch(`${url}/api/v1/sync/stream?token=nope&v=1`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'auth.invalid' } });
    const old = await fetch(`${url}/api/v1/sync/stream?token=${encodeURIComponent(hx.token)}&v=2`);
    expect(old.status).toBe(426);
    expect(await old.json()).toMatchObject({ error: { code: 'protocol.version' } });
  });
});
