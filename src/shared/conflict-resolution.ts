import type { Conflict, ConflictChoice, ConflictResolution } from './conflict';
import { canonical, deepEqual } from './merge';
import type { PersonMergeField } from './person';

/**
 * Fields a staff member may type a corrected value into. Structured and
 * enumerated fields (address, categories, sex…) are chosen from the two
 * versions only: a typed JSON value would be an editor of its own, and the
 * person's edit page is there for a later correction.
 */
export const TYPABLE_FIELDS: ReadonlySet<PersonMergeField> = new Set(['name', 'phone', 'archiveLocation', 'notes']);

/** The device must push the conflict unchanged apart from these. */
const RESOLUTION_KEYS = new Set(['status', 'resolution']);

function withoutResolution(c: Conflict): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => !RESOLUTION_KEYS.has(k)));
}

/**
 * Why `next` is not an acceptable resolution of `stored`, as an error code
 * (errors.<code>), or null when it is. Used by the device before it writes
 * and by the server before it accepts (the server trusts nothing):
 * - conflict.notResolved: status is not 'resolved' or there is no resolution;
 * - conflict.changed: anything but status/resolution differs from the stored conflict;
 * - conflict.fields: the resolution does not name every clashing field exactly once;
 * - conflict.choice: a 'server'/'local' value is not that side's value, or a typed value on a non-text field;
 * - conflict.pair: active and deactivation (which move together, merge.ts) chose different sides.
 */
export function resolutionProblem(stored: Conflict, next: Conflict): string | null {
  const r = next.resolution;
  if (next.status !== 'resolved' || r === undefined) return 'conflict.notResolved';
  if (canonical(withoutResolution(stored)) !== canonical(withoutResolution(next))) return 'conflict.changed';
  const clashing = stored.fields.map((f) => f.field).sort();
  const chosen = r.fields.map((f) => f.field).sort();
  if (canonical(clashing) !== canonical(chosen)) return 'conflict.fields';
  for (const choice of r.fields) {
    const clash = stored.fields.find((f) => f.field === choice.field);
    if (!clash) return 'conflict.fields';
    if (choice.choice === 'typed') {
      if (!TYPABLE_FIELDS.has(choice.field) || typeof choice.value !== 'string') return 'conflict.choice';
    } else if (!deepEqual(choice.value ?? null, (choice.choice === 'server' ? clash.server : clash.local) ?? null)) {
      return 'conflict.choice';
    }
  }
  const pair = r.fields.filter((f) => f.field === 'active' || f.field === 'deactivation').map((f) => f.choice);
  if (new Set(pair).size > 1) return 'conflict.pair';
  return null;
}

/** The value a choice stands for (typed: the staff member's text, trimmed). */
export function chosenValue(clash: Conflict['fields'][number], choice: ConflictChoice, typed?: string): unknown {
  if (choice === 'server') return clash.server ?? null;
  if (choice === 'local') return clash.local ?? null;
  return (typed ?? '').trim();
}

/** The person's fields as the resolution sets them. */
export function resolvedFields(resolution: ConflictResolution): Partial<Record<PersonMergeField, unknown>> {
  return Object.fromEntries(resolution.fields.map((f) => [f.field, f.value]));
}
