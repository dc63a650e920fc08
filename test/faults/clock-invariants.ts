import type { Doc } from './device';
import type { DeviceView, Edit, ExactlyOnceSpec, ServerView } from './invariants';

/**
 * A device whose clock runs a year ahead: the centre refuses every push
 * carrying its stamps (422 'clock.future', ADR 019, nothing stored), so
 * what it writes cannot reach the server until its clock is set right.
 * The invariant for it is then "kept on the device, visible as refused",
 * not "on the server":
 * - every document it made (persons it registered, audit events, payments,
 *   records) is still on it;
 * - whenever any of them is not on the server, the device shows why: its
 *   sync status carries errorCode 'clock.future' (the status bar's error,
 *   next to its clock-skew warning), or for payments and records the
 *   rejection list (checked with the other devices' rules).
 * Everything else (the other device, the server, what reached the server)
 * is checked by the normal invariants with this device left out.
 */
export interface AheadDevice {
  readonly view: DeviceView & { readonly docs: Readonly<Record<string, readonly Doc[]>> };
  readonly errorCode: string | null;
  readonly registered: ReadonlySet<string>;
  /** Ids it made, by collection (audit, payments, records). */
  readonly created: ReadonlyMap<string, ReadonlySet<string>>;
  /** Payments and records it shows as refused by the centre (those need no sync error). */
  readonly refused: ReadonlySet<string>;
}

export function checkAheadDevice(device: AheadDevice, server: ServerView & { readonly payments: readonly Doc[]; readonly records: readonly Doc[] }): string[] {
  const out: string[] = [];
  const label = device.view.label;
  const held: Record<string, Set<string>> = {
    persons: new Set(device.view.persons.map((p) => p.id)),
    audit: new Set((device.view.exactlyOnce.audit ?? []).map((a) => a.id)),
    payments: new Set((device.view.docs.payments ?? []).map((d) => d.id)),
    records: new Set((device.view.docs.records ?? []).map((d) => d.id)),
  };
  const onServer: Record<string, Set<string>> = {
    persons: new Set(server.persons.map((p) => p.id)),
    audit: new Set((server.exactlyOnce.audit ?? []).map((a) => a.id)),
    payments: new Set(server.payments.map((d) => d.id)),
    records: new Set(server.records.map((d) => d.id)),
  };
  let unsent = 0;
  for (const [collection, ids] of [['persons', device.registered] as const, ...device.created]) {
    for (const id of ids) {
      if (!held[collection]?.has(id)) out.push(`(g) ${collection} ${id} made on ${label} (clock ahead) is no longer on it`);
      else if (!onServer[collection]?.has(id) && !device.refused.has(id)) unsent++;
    }
  }
  if (unsent > 0 && device.errorCode !== 'clock.future') {
    out.push(`(g) ${String(unsent)} documents of ${label} (clock ahead) are not on the server, but its sync status shows ${String(device.errorCode)} instead of clock.future`);
  }
  return out;
}

/** The run's edits and created ids without those of the device ahead (they are checked by checkAheadDevice). */
export function withoutDevice(label: string, edits: readonly Edit[], specs: readonly ExactlyOnceSpec[]): { edits: Edit[]; specs: ExactlyOnceSpec[] } {
  return {
    edits: edits.filter((e) => e.device !== label),
    specs: specs.map((s) => ({ ...s, created: new Map([...s.created].filter(([d]) => d !== label)) })),
  };
}
