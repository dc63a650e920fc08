import { PERSON_MERGE_FIELDS, type Person, type PersonMergeField } from './person';

export interface FieldClash {
  readonly field: PersonMergeField;
  readonly base: unknown;
  readonly local: unknown;
  readonly server: unknown;
}

export interface MergeOutcome {
  readonly merged: Person;
  readonly clashes: FieldClash[];
}

/** Canonical JSON (sorted keys) so that key order never makes two equal values differ. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export const deepEqual = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** A value that says "nothing entered": when two stations register the same person independently, an empty field on one side is no edit. */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Three-way merge of a person (DESIGN.md §4): fields changed on one side
 * only take that side; the same field changed on both sides to different
 * values keeps the server's value and is reported as a clash for review.
 * `base` is the device's assumed master state, or null when the device
 * created the record without having seen the server's (two stations
 * registering the same ID offline); then blank fields count as unchanged.
 *
 * Meta fields follow the server (first registration wins: stationId,
 * createdAt/By), except that updatedAt/By/Device follow the later edit.
 */
export function mergePerson(base: Person | null, local: Person, server: Person): MergeOutcome {
  const merged: Person = { ...server };
  const clashes: FieldClash[] = [];
  const out = merged as unknown as Record<PersonMergeField, unknown>;
  for (const field of PERSON_MERGE_FIELDS) {
    const l: unknown = local[field];
    const s: unknown = server[field];
    if (deepEqual(l, s)) continue;
    const b: unknown = base ? base[field] : undefined;
    const localChanged = base ? !deepEqual(b, l) : !isBlank(l);
    const serverChanged = base ? !deepEqual(b, s) : !isBlank(s);
    if (localChanged && !serverChanged) out[field] = l;
    else if (localChanged && serverChanged) clashes.push({ field, base: b, local: l, server: s });
  }
  // active and deactivation move together; if only one of them clashed, the
  // pair could end up inconsistent, so a clash on either keeps the server's
  // pair. The partner field then also goes into the clashes whenever the
  // device's value differs: otherwise a deactivation (reason, time, staff)
  // would be in neither the merged record nor the conflict, and lost.
  if (clashes.some((c) => c.field === 'active' || c.field === 'deactivation')) {
    merged.active = server.active;
    merged.deactivation = server.deactivation;
    for (const field of ['active', 'deactivation'] as const) {
      if (!clashes.some((c) => c.field === field) && !deepEqual(local[field], server[field])) {
        clashes.push({ field, base: base ? base[field] : undefined, local: local[field], server: server[field] });
      }
    }
  }
  if (local.updatedAt > server.updatedAt) {
    merged.updatedAt = local.updatedAt;
    merged.updatedBy = local.updatedBy;
    merged.updatedDevice = local.updatedDevice;
  }
  return { merged, clashes };
}
