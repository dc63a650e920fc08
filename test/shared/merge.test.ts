import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, deepEqual, mergePerson } from '../../src/shared/merge';
import { PERSON_MERGE_FIELDS, personSchema, type Person } from '../../src/shared/person';
import { makePerson } from './fixtures';

describe('mergePerson (three-way)', () => {
  const base = makePerson();

  it('different fields changed on each side both apply, with no clash', () => {
    const local = { ...base, phone: '13900000001', updatedAt: '2026-02-01T00:00:00.000Z', updatedBy: 'staff-b', updatedDevice: 'dev-b' };
    const server = { ...base, notes: '已电话联系', updatedAt: '2026-01-20T00:00:00.000Z' };
    const { merged, clashes } = mergePerson(base, local, server);
    expect(clashes).toEqual([]);
    expect(merged.phone).toBe('13900000001');
    expect(merged.notes).toBe('已电话联系');
    expect(merged.updatedBy).toBe('staff-b');
    expect(personSchema.safeParse(merged).success).toBe(true);
  });

  it('the same field changed to different values keeps the server value and reports the clash', () => {
    const local = { ...base, phone: '13900000001' };
    const server = { ...base, phone: '13900000002' };
    const { merged, clashes } = mergePerson(base, local, server);
    expect(merged.phone).toBe('13900000002');
    expect(clashes).toEqual([{ field: 'phone', base: '13812345678', local: '13900000001', server: '13900000002' }]);
  });

  it('the same change on both sides is no clash', () => {
    const both = { ...base, phone: '13900000003' };
    expect(mergePerson(base, both, { ...both }).clashes).toEqual([]);
  });

  it('two stations registering the same ID offline (no base): blank fields are no edit, different values clash', () => {
    const a = makePerson({ phone: '13911111111', notes: '', archiveLocation: '' });
    const b = makePerson({ phone: '13922222222', notes: '低保户', stationId: 'XQ01' });
    const { merged, clashes } = mergePerson(null, b, a);
    expect(merged.phone).toBe('13911111111');
    expect(merged.notes).toBe('低保户');
    expect(merged.archiveLocation).toBe(base.archiveLocation);
    expect(merged.stationId).toBe('HX01');
    expect(clashes.map((c) => c.field)).toEqual(['phone']);
  });

  it('a clash on active/deactivation keeps the server pair consistent', () => {
    const local = { ...base, active: false, deactivation: { reason: '迁出', at: '2026-02-01T00:00:00.000Z', by: 'staff-b' } };
    const server = { ...base, active: false, deactivation: { reason: '死亡', at: '2026-02-02T00:00:00.000Z', by: 'staff-a' } };
    const { merged } = mergePerson(base, local, server);
    expect(merged.deactivation?.reason).toBe('死亡');
    expect(personSchema.safeParse(merged).success).toBe(true);
  });

  it('a deactivation that loses a clash on active is kept in the conflict, never dropped (found by test/faults)', () => {
    // Two stations register the same ID offline; one then deactivates the person.
    const server = makePerson({ phone: '13900000001' });
    const deactivation = { reason: '停保', at: '2026-01-02T00:00:00.000Z', by: 'staff-b' };
    const local = makePerson({ phone: '13900000002', active: false, deactivation });
    const { merged, clashes } = mergePerson(null, local, server);
    expect(merged.active).toBe(true);
    expect(merged.deactivation).toBeNull();
    expect(clashes.map((c) => c.field).sort()).toEqual(['active', 'deactivation', 'phone']);
    expect(clashes.find((c) => c.field === 'deactivation')?.local).toEqual(deactivation);
    expect(personSchema.safeParse(merged).success).toBe(true);
  });

  it('property: every local value of a merge field is either in the merged record or in a clash', () => {
    const deact = fc.constantFrom(null, { reason: '迁出', at: '2026-02-01T00:00:00.000Z', by: 'staff-b' });
    const side = fc.record({ phone: phoneArb, notes: notesArb, deactivation: deact });
    fc.assert(
      fc.property(fc.boolean(), side, side, (withBase, l, s) => {
        const mk = (v: { phone: string; notes: string; deactivation: Person['deactivation'] }): Person => ({ ...base, ...v, active: v.deactivation === null });
        const local = mk(l);
        const server = mk(s);
        const { merged, clashes } = mergePerson(withBase ? base : null, local, server);
        for (const f of PERSON_MERGE_FIELDS) {
          const kept = deepEqual(merged[f], local[f]) || clashes.some((c) => c.field === f && deepEqual(c.local, local[f]));
          const blankNoEdit = !withBase && (local[f] === '' || local[f] === null);
          const unchanged = withBase && deepEqual(local[f], base[f]);
          expect(kept || blankNoEdit || unchanged).toBe(true);
        }
        expect(personSchema.safeParse(merged).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('canonical JSON ignores key order', () => {
    expect(canonical({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonical({ a: [1, { c: 3, d: 2 }], b: 1 }));
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
  });

  const phoneArb = fc.constantFrom('13800000001', '13800000002', '13800000003', '');
  const notesArb = fc.constantFrom('', 'a', 'b');
  const edit = fc.record({ phone: phoneArb, notes: notesArb, hukouType: fc.constantFrom('urban' as const, 'agricultural' as const) });

  it('property: fields touched by one side only always survive; merged never invents values', () => {
    fc.assert(
      fc.property(edit, edit, (l, s) => {
        const local: Person = { ...base, ...l };
        const server: Person = { ...base, ...s };
        const { merged, clashes } = mergePerson(base, local, server);
        for (const f of PERSON_MERGE_FIELDS) {
          const lv = local[f];
          const sv = server[f];
          const bv = base[f];
          expect(deepEqual(merged[f], lv) || deepEqual(merged[f], sv)).toBe(true);
          if (deepEqual(sv, bv) && !deepEqual(lv, bv)) expect(merged[f]).toEqual(lv);
          if (!deepEqual(sv, bv)) expect(merged[f]).toEqual(sv);
        }
        const clashed = clashes.map((c) => c.field);
        for (const c of clashed) expect(deepEqual(local[c], server[c])).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('property: merging is idempotent — merging the merged doc again changes nothing', () => {
    fc.assert(
      fc.property(edit, edit, (l, s) => {
        const { merged } = mergePerson(base, { ...base, ...l }, { ...base, ...s });
        const again = mergePerson(base, merged, merged);
        expect(again.merged).toEqual(merged);
        expect(again.clashes).toEqual([]);
      }),
    );
  });
});
