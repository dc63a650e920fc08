import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/shared/conflict';
import { HLC_PATTERN } from '../../src/shared/hlc';
import { dataError, personInput, residentId } from './fixtures';
import { enrolDevice, openDevice, useTestServer, type Device } from './sync-server';

const env = useTestServer(0);

async function station(code: 'HX01' | 'XQ01'): Promise<Device> {
  const d = await openDevice();
  env.track(d.api);
  await enrolDevice(d, env.server(), code);
  return d;
}

/** Two stations register the same ID offline with a different name and phone; after sync both hold the conflict. */
async function clash(first17: string): Promise<{ a: Device; b: Device; personId: string; conflict: Conflict }> {
  const a = await station('HX01');
  const b = await station('XQ01');
  const id = residentId(first17);
  const ra = await a.api.persons.register(personInput(id, { name: '孙丽', phone: '13600000001' }));
  await b.api.persons.register(personInput(id, { name: '孙莉', phone: '13600000002' }));
  await a.api.sync.syncNow();
  await b.api.sync.syncNow();
  await a.api.sync.syncNow();
  const open = await firstValueFrom(b.api.conflicts.observeOpen().pipe(filter((c) => c.some((x) => x.entityId === ra.person.id))));
  const conflict = open.find((c) => c.entityId === ra.person.id)!;
  await firstValueFrom(a.api.conflicts.observeOpen().pipe(filter((c) => c.some((x) => x.id === conflict.id))));
  return { a, b, personId: ra.person.id, conflict };
}

const resolvedOn = (d: Device, id: string): Promise<Conflict | null> =>
  firstValueFrom(d.api.conflictReview.observe(id).pipe(filter((c) => c?.status === 'resolved')));

describe('conflict review with the real server', () => {
  it('one station resolves per field; the other sees it resolved (who, when, which value) and the person has the chosen values', async () => {
    const { a, b, personId, conflict } = await clash('12010319750505321');
    expect(conflict.fields.map((f) => f.field).sort()).toEqual(['name', 'phone']);
    // Station B (whose push lost) reviews: keeps the server's name but corrects it by typing, takes its own phone.
    const staffB = b.api.operator()!;
    const resolved = await b.api.conflictReview.resolve(conflict.id, [
      { field: 'name', choice: 'typed', typed: ' 孙丽娟 ' },
      { field: 'phone', choice: 'local' },
    ]);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ by: { id: staffB.id, name: staffB.name }, fields: [{ field: 'name', choice: 'typed', value: '孙丽娟' }, { field: 'phone', choice: 'local', value: '13600000002' }] });
    expect(resolved.resolution?.hlc).toMatch(HLC_PATTERN);
    // Gone from B's open list at once, offline.
    expect((await firstValueFrom(b.api.conflicts.observeOpen())).some((c) => c.id === conflict.id)).toBe(false);
    expect(await b.api.persons.get(personId)).toMatchObject({ name: '孙丽娟', phone: '13600000002' });

    await b.api.sync.syncNow();
    await a.api.sync.syncNow();
    const onA = await resolvedOn(a, conflict.id);
    expect(onA?.resolution).toEqual(resolved.resolution);
    expect((await firstValueFrom(a.api.conflicts.observeOpen())).some((c) => c.id === conflict.id)).toBe(false);
    expect((await firstValueFrom(a.api.conflictReview.observeResolved(10))).map((c) => c.id)).toContain(conflict.id);
    const personA = await a.api.persons.get(personId);
    expect(personA).toMatchObject({ name: '孙丽娟', phone: '13600000002' });
    // The person's history says who changed what, stamped with the hybrid clock.
    const history = await a.api.persons.history(personId);
    const update = history.find((e) => e.action === 'update' && e.staffId === staffB.id);
    expect(update?.fields.sort()).toEqual(['name', 'phone']);
    expect(update?.hlc).toMatch(HLC_PATTERN);
    // No new conflict: the resolution was a plain update on top of the server's state.
    expect((await firstValueFrom(a.api.conflicts.observeOpen())).filter((c) => c.entityId === personId)).toEqual([]);
  });

  it('when both stations resolve the same conflict offline, the first to reach the centre wins everywhere', async () => {
    const { a, b, conflict } = await clash('12010319660606123');
    await a.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'server' }, { field: 'phone', choice: 'server' }]);
    await b.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'local' }, { field: 'phone', choice: 'local' }]);
    await a.api.sync.syncNow();
    await b.api.sync.syncNow();
    const onB = await firstValueFrom(
      b.api.conflictReview.observe(conflict.id).pipe(filter((c) => c?.resolution?.by.id === a.api.operator()!.id)),
    );
    expect(onB?.resolution?.fields.map((f) => f.choice)).toEqual(['server', 'server']);
  });

  it('refuses a bad resolution with a code and stores nothing', async () => {
    const { b, personId, conflict } = await clash('12010319800101123');
    const before = await b.api.persons.get(personId);
    expect((await dataError(b.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'server' }]))).code).toBe('conflict.fields');
    expect((await dataError(b.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'server' }, { field: 'phone', choice: 'typed', typed: '12345' }]))).code).toBe('phone.format');
    expect((await dataError(b.api.conflictReview.resolve('c-unknown', []))).code).toBe('conflict.notFound');
    expect(await b.api.persons.get(personId)).toEqual(before);
    expect((await firstValueFrom(b.api.conflictReview.observe(conflict.id)))?.status).toBe('open');
    await b.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'server' }, { field: 'phone', choice: 'server' }]);
    expect((await dataError(b.api.conflictReview.resolve(conflict.id, [{ field: 'name', choice: 'server' }, { field: 'phone', choice: 'server' }]))).code).toBe('conflict.alreadyResolved');
  });
});
