import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createNoticeRepository } from '../../src/renderer/db/notice-repository';
import { closedAfterEach, dataError, openTestStore, personInput, residentId } from './fixtures';

async function openNoticeStore() {
  const t = await openTestStore();
  const notices = createNoticeRepository({
    store: t.store, session: () => t.session, operator: () => t.operator,
    localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
  });
  const { person: a } = await t.persons.register(personInput(residentId('12010319750315101'), { name: '甲' }));
  const { person: b } = await t.persons.register(personInput(residentId('12010319800620202'), { name: '乙' }));
  return Object.assign(t, { notices, a: a.id, b: b.id });
}
const open = closedAfterEach(openNoticeStore);
const noticeCount = async (t: Awaited<ReturnType<typeof openNoticeStore>>): Promise<number> => t.store.records.count({ selector: { kind: 'notice' } }).exec();

describe('reminder notices issued (ADR 017)', () => {
  it('records one notice per person printed, counts them per person and lists them newest first with the clerk\'s name', async () => {
    const t = await open();
    const first = await t.notices.recordBatch([
      { personId: t.a, schemes: ['employee_pension', 'employee_medical'], monthsUnpaid: 5, since: '2026-06' },
      { personId: t.b, schemes: ['residents_pension'], monthsUnpaid: 12, since: '2025-01' },
    ]);
    expect(first.map((r) => [r.kind, r.personId, r.staffId])).toEqual([['notice', t.a, 'S-WANG'], ['notice', t.b, 'S-WANG']]);
    await t.notices.recordBatch([{ personId: t.a, schemes: ['employee_pension'], monthsUnpaid: 6, since: '2026-06' }]);
    const counts = await firstValueFrom(t.notices.counts().pipe(filter((m) => (m.get(t.a) ?? 0) === 2)));
    expect([counts.get(t.a), counts.get(t.b)]).toEqual([2, 1]);
    const history = await firstValueFrom(t.notices.forPerson(t.a).pipe(filter((v) => v.length === 2)));
    expect(history.map((v) => [v.record.monthsUnpaid, v.staffName])).toEqual([[6, '王芳'], [5, '王芳']]);
    // Pending for sync like every window record.
    expect(t.writes.filter((w) => w.collection === 'records')).toHaveLength(3);
  });

  it('stores nothing of a batch with an unknown person or a bad row', async () => {
    const t = await open();
    const good = { personId: t.a, schemes: ['employee_pension'] as const, monthsUnpaid: 3, since: '2026-08' };
    expect((await dataError(t.notices.recordBatch([good, { ...good, personId: `p${'ef'.repeat(16)}` }]))).code).toBe('person.notFound');
    expect((await dataError(t.notices.recordBatch([good, { ...good, monthsUnpaid: 0 }]))).code).toBe('field.invalid');
    expect((await dataError(t.notices.recordBatch([good, { ...good, schemes: [] }]))).code).toBe('field.required');
    expect((await dataError(t.notices.recordBatch([good, { ...good, since: '2026-13' }]))).code).toBe('month.format');
    expect(await noticeCount(t)).toBe(0);
  });

  it('needs an operator', async () => {
    const t = await open();
    t.operator = null;
    expect((await dataError(t.notices.recordBatch([{ personId: t.a, schemes: ['employee_pension'], monthsUnpaid: 1, since: '2026-10' }]))).code).toBe('operator.missing');
  });
});
