import { contentOf, type Doc, type Rejection } from './device';

/**
 * (e) money and window records: payments and `records` are immutable
 * documents born on devices (ADR 005, 012). After healing:
 * - every document a device made is on the server exactly once with the
 *   content the device holds, OR the centre refused it and the device
 *   still holds it and shows it as refused (its rejection list, which is
 *   what the payment status 'refused' and the history's refusal read);
 * - no id is on the server twice; every device holds every server document
 *   with identical content, and nothing the server lacks but its own
 *   refused documents;
 * - (f) receipt numbers are unique city-wide (server and every device).
 */
export interface ImmutableSpec {
  readonly name: 'payments' | 'records';
  /** Ids made on each device (when the write returned, plus its own documents found at the end). */
  readonly created: ReadonlyMap<string, ReadonlySet<string>>;
  /** Whether a refusal with this code is expected in this run (e.g. 'clock.future' on a device ahead); others are violations. */
  expectedRefusal(device: string, code: string): boolean;
}

export interface ImmutableDeviceView {
  readonly label: string;
  readonly docs: Readonly<Record<string, readonly Doc[]>>;
  readonly rejections: Readonly<Record<string, readonly Rejection[]>>;
}

export function checkImmutable(spec: ImmutableSpec, serverDocs: readonly Doc[], devices: readonly ImmutableDeviceView[]): string[] {
  const out: string[] = [];
  const tag = `(e) ${spec.name}`;
  const server = new Map<string, Doc>();
  for (const d of serverDocs) {
    if (server.has(d.id)) out.push(`${tag} ${d.id} is twice on the server`);
    server.set(d.id, d);
  }
  for (const v of devices) {
    const held = new Map<string, Doc>();
    for (const d of v.docs[spec.name] ?? []) {
      if (held.has(d.id)) out.push(`${tag} ${d.id} is twice on ${v.label}`);
      held.set(d.id, d);
    }
    const refused = new Map((v.rejections[spec.name] ?? []).filter((r) => r.reason === 'refused').map((r) => [r.id, r]));
    for (const r of v.rejections[spec.name] ?? []) {
      if (r.reason !== 'refused') out.push(`${tag} ${r.id} on ${v.label}: the centre holds another document under its id (${r.code})`);
    }
    const mine = spec.created.get(v.label) ?? new Set<string>();
    for (const id of mine) {
      const local = held.get(id);
      const rejection = refused.get(id);
      if (!local) out.push(`${tag} ${id} made on ${v.label} is no longer on it`);
      if (rejection) {
        if (server.has(id)) out.push(`${tag} ${id} is shown refused (${rejection.code}) on ${v.label} but the server stored it`);
        else if (!spec.expectedRefusal(v.label, rejection.code)) out.push(`${tag} ${id} made on ${v.label} was refused: ${rejection.code}`);
        continue;
      }
      const s = server.get(id);
      if (!s) out.push(`${tag} ${id} made on ${v.label} is missing on the server and not shown as refused`);
      else if (local && contentOf(local) !== contentOf(s)) out.push(`${tag} ${id} differs between ${v.label} and the server`);
    }
    for (const [id, s] of server) {
      const local = held.get(id);
      if (!local) out.push(`${tag} ${id} is on the server but missing on ${v.label}`);
      else if (!mine.has(id) && contentOf(local) !== contentOf(s)) out.push(`${tag} ${id} differs between ${v.label} and the server`);
    }
    for (const id of held.keys()) {
      if (!server.has(id) && !refused.has(id)) out.push(`${tag} ${id} is on ${v.label} but not on the server${mine.has(id) ? '' : ' (and not made there)'}`);
    }
  }
  return out;
}

/** (f) one document per receipt number across the server and every device (by id: the same payment everywhere is fine). */
export function checkReceiptNumbers(serverPayments: readonly Doc[], devices: readonly ImmutableDeviceView[]): string[] {
  const byNo = new Map<string, Set<string>>();
  const add = (d: Doc): void => {
    const no = d.receiptNo;
    if (typeof no !== 'string') return;
    byNo.set(no, (byNo.get(no) ?? new Set()).add(d.id));
  };
  serverPayments.forEach(add);
  for (const v of devices) (v.docs.payments ?? []).forEach(add);
  return [...byNo].filter(([, ids]) => ids.size > 1).map(([no, ids]) => `(f) receipt ${no} is carried by ${String(ids.size)} documents: ${[...ids].join(', ')}`);
}
