import type { Conflict } from '../../src/shared/conflict';
import type { Person } from '../../src/shared/person';
import type { Checkpoint, PullResponse } from '../../src/shared/sync-protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync-protocol';
import { stripMeta, type Device, type Doc } from './device';
import type { DeviceView, ServerView } from './invariants';
import type { ImmutableDeviceView } from './money-invariants';

/** Every page of one collection, straight from the server (not through the proxy). */
export async function pullAll<T>(port: number, token: string, collection: string, host = '127.0.0.1'): Promise<T[]> {
  const out: T[] = [];
  let cp: Checkpoint | null = null;
  for (;;) {
    const q = new URLSearchParams({ limit: '500' });
    if (cp) { q.set('xid', cp.xid); q.set('seq', cp.seq); }
    const res = await fetch(`http://${host}:${String(port)}/api/v1/sync/${collection}/pull?${q.toString()}`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    if (!res.ok) throw new Error(`pull ${collection}: ${String(res.status)} ${await res.text()}`);
    const page = (await res.json()) as PullResponse<T>;
    out.push(...page.documents);
    cp = page.checkpoint;
    if (page.documents.length < 500) return out;
  }
}

export interface Views {
  readonly server: ServerView & { readonly payments: Doc[]; readonly records: Doc[] };
  readonly devices: Array<DeviceView & ImmutableDeviceView>;
  readonly pending: number[];
}

/** The server's state and each device's, read after a heal round. */
export async function readViews(port: number, devices: readonly Device[], host = '127.0.0.1'): Promise<Views> {
  const first = devices[0];
  if (!first) throw new Error('no devices');
  const token = await first.token();
  const server = {
    persons: await pullAll<Person>(port, token, 'persons', host),
    conflicts: await pullAll<Conflict>(port, token, 'conflicts', host),
    exactlyOnce: { audit: await pullAll<{ id: string }>(port, token, 'audit', host) },
    payments: (await pullAll<unknown>(port, token, 'payments', host)).map(stripMeta),
    records: (await pullAll<unknown>(port, token, 'records', host)).map(stripMeta),
  };
  const out: Views['devices'] = [];
  const pending: number[] = [];
  for (const d of devices) {
    out.push({
      label: d.label, persons: await d.persons(), conflicts: await d.openConflicts(), exactlyOnce: { audit: await d.auditEvents() },
      docs: { payments: await d.paymentDocs(), records: await d.recordDocs() },
      rejections: { payments: await d.rejections('payments'), records: await d.rejections('records') },
    });
    pending.push(await d.pending());
  }
  return { server, devices: out, pending };
}
