import { describe, expect, it } from 'vitest';
import type { Conflict, ConflictResolution } from '../../src/shared/conflict';
import { chosenValue, resolutionProblem, resolvedFields } from '../../src/shared/conflict-resolution';

const open: Conflict = {
  id: 'c1', entity: 'person', entityId: 'p1',
  fields: [
    { field: 'phone', base: null, local: '13700000003', server: '13900000002' },
    { field: 'active', base: true, local: false, server: true },
    { field: 'deactivation', base: null, local: { reason: '死亡', at: '2025-01-01T00:00:00.000Z', by: 'S1' }, server: null },
  ],
  deviceId: 'D2', stationId: 'ST2', createdAt: '2025-01-02T00:00:00.000Z', status: 'open', _deleted: false,
};
const by = { by: { id: 'S1', name: '张丽华' }, stationId: 'ST1', deviceId: 'D1', at: '2025-01-03T00:00:00.000Z' };
const resolve = (fields: ConflictResolution['fields'], patch: Partial<Conflict> = {}): Conflict => ({ ...open, ...patch, status: 'resolved', resolution: { ...by, fields } });
const pairLocal = [
  { field: 'active' as const, choice: 'local' as const, value: false },
  { field: 'deactivation' as const, choice: 'local' as const, value: open.fields[2]!.local },
];

describe('resolutionProblem', () => {
  it('accepts one valid choice per clashing field', () => {
    const next = resolve([{ field: 'phone', choice: 'typed', value: '13611112222' }, ...pairLocal]);
    expect(resolutionProblem(open, next)).toBeNull();
    expect(resolvedFields(next.resolution!)).toMatchObject({ phone: '13611112222', active: false });
  });
  it('names what is wrong', () => {
    expect(resolutionProblem(open, { ...open })).toBe('conflict.notResolved');
    expect(resolutionProblem(open, resolve([{ field: 'phone', choice: 'server', value: '13900000002' }, ...pairLocal], { entityId: 'p2' }))).toBe('conflict.changed');
    expect(resolutionProblem(open, resolve(pairLocal))).toBe('conflict.fields');
    expect(resolutionProblem(open, resolve([{ field: 'phone', choice: 'server', value: '13900000002' }, { field: 'phone', choice: 'server', value: '13900000002' }, ...pairLocal]))).toBe('conflict.fields');
    expect(resolutionProblem(open, resolve([{ field: 'phone', choice: 'local', value: '13900000002' }, ...pairLocal]))).toBe('conflict.choice');
    expect(resolutionProblem(open, resolve([{ field: 'phone', choice: 'server', value: '13900000002' }, { field: 'active', choice: 'typed', value: 'false' }, pairLocal[1]!]))).toBe('conflict.choice');
    expect(resolutionProblem(open, resolve([{ field: 'phone', choice: 'server', value: '13900000002' }, { field: 'active', choice: 'server', value: true }, pairLocal[1]!]))).toBe('conflict.pair');
  });
  it('chosenValue gives the side’s value or the trimmed typed text', () => {
    expect(chosenValue(open.fields[0]!, 'server')).toBe('13900000002');
    expect(chosenValue(open.fields[0]!, 'local')).toBe('13700000003');
    expect(chosenValue(open.fields[0]!, 'typed', ' 136 ')).toBe('136');
  });
});
