import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/shared/conflict';
import { PERSON_MERGE_FIELDS, type Person } from '../../src/shared/person';
import type { EnrolResponse, PushResponse } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, pullAll, push, type Fixture } from './helpers/fixture';
import { authorOf, edit, makePerson, type Author } from './helpers/people';

/** Each device edits its own fields; the property is that no interleaving loses or reorders an edit. */
const A_FIELDS = ['phone', 'notes'] as const;
const B_FIELDS = ['archiveLocation', 'name'] as const;
type EditField = (typeof A_FIELDS)[number] | (typeof B_FIELDS)[number];

const valueFor = (field: EditField, n: number): string =>
  field === 'phone' ? `139${String(n).padStart(8, '0')}` : field === 'name' ? `测试${n}` : `${field}-${n}`;

interface Op {
  readonly device: 0 | 1;
  readonly field: 0 | 1;
  readonly value: number;
  /** Deliver the push twice (a retry after a lost response). */
  readonly retry: boolean;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  device: fc.constantFrom(0 as const, 1 as const),
  field: fc.constantFrom(0 as const, 1 as const),
  value: fc.integer({ min: 0, max: 99_999_999 }),
  retry: fc.boolean(),
});

interface DeviceState {
  readonly token: string;
  readonly author: Author;
  readonly fields: readonly EditField[];
  local: Person;
  /** Last server state the device knows (its assumedMasterState). */
  master: Person;
}

describe.each(DB_VARIANTS)('sync convergence on $name', (variant) => {
  let f: Fixture;
  let devA: EnrolResponse;
  let devB: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant);
    devA = await enrol(f.app, 'HX01', 'A');
    devB = await enrol(f.app, 'XQ01', 'B');
  });
  afterAll(async () => {
    await f.close();
  });

  it('random interleavings of two devices’ pushes converge to the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const p0 = makePerson(f.secret, authorOf(devA));
        await push(f.app, devA.token, 'persons', [{ assumedMasterState: null, newDocumentState: p0 }]);
        const devices: DeviceState[] = [
          { token: devA.token, author: authorOf(devA), fields: A_FIELDS, local: p0, master: p0 },
          { token: devB.token, author: authorOf(devB), fields: B_FIELDS, local: p0, master: p0 },
        ];
        const expected = new Map<EditField, string>();
        let clock = Date.UTC(2025, 0, 2);
        for (const op of ops) {
          const d = devices[op.device]!;
          const field = d.fields[op.field]!;
          const value = valueFor(field, op.value);
          expected.set(field, value);
          clock += 1000;
          d.local = edit(d.local, d.author, new Date(clock).toISOString(), { [field]: value });
          const rows = [{ assumedMasterState: d.master, newDocumentState: d.local }];
          let res = await push(f.app, d.token, 'persons', rows);
          if (op.retry) res = await push(f.app, d.token, 'persons', rows);
          expect(res.statusCode).toBe(200);
          // RxDB semantics: a returned doc is the server's state, adopted as both local and master.
          const adopted = res.json<PushResponse<Person>>().conflicts[0];
          d.master = adopted ?? d.local;
          d.local = d.master;
        }
        const server = (await pullAll<Person>(f.app, devB.token, 'persons')).find((x) => x.id === p0.id)!;
        for (const field of [...A_FIELDS, ...B_FIELDS]) expect(server[field]).toBe(expected.get(field) ?? p0[field]);
        // Fields nobody edited are untouched.
        for (const field of PERSON_MERGE_FIELDS.filter((x) => !(A_FIELDS as readonly string[]).includes(x) && !(B_FIELDS as readonly string[]).includes(x))) {
          expect(server[field]).toEqual(p0[field]);
        }
        // Disjoint edits never clash.
        const conflicts = (await pullAll<Conflict>(f.app, devA.token, 'conflicts')).filter((c) => c.entityId === p0.id);
        expect(conflicts).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
