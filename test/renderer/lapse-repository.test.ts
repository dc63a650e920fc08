import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LapseWorklist } from '../../src/renderer/data/lapse-contract';
import { createEnrolmentRepository } from '../../src/renderer/db/enrolment-repository';
import { createLapseRepository } from '../../src/renderer/db/lapse-repository';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths } from '../../src/shared/months';
import type { Payment } from '../../src/shared/payment';
import { correct, pay } from '../shared/corrections/correction-fixtures';
import { closedAfterEach, dataError, openTestStore, personInput, residentId, SESSION } from './fixtures';

async function openLapseStore() {
  const t = await openTestStore();
  const deps = { store: t.store, session: () => t.session, operator: () => t.operator, localWrite: (collection: 'records', id: string, version: string) => t.writes.push({ collection, id, version }) };
  return Object.assign(t, { lapses: createLapseRepository(deps), enrolments: createEnrolmentRepository(deps) });
}
const open = closedAfterEach(openLapseStore);
type T = Awaited<ReturnType<typeof openLapseStore>>;

const NOW = todayInChina().slice(0, 7);
const LAST_DUE = addMonths(NOW, -1);
let n = 0;

/** A payment as it arrives from sync (taken at another station), stored directly. */
async function pulled(t: T, p: Payment): Promise<void> {
  const { _deleted: _d, ...doc } = p;
  await t.store.payments.insert(doc);
}
const contribution = (personId: string, from: string, to: string): Payment => pay(++n + 1000, { personId, from, to, stationId: 'ST-XQ01', createdAt: new Date(Date.now() - 60_000 + n).toISOString() });

async function person(t: T, seq: string, name: string, overrides: Parameters<typeof personInput>[1] = {}): Promise<string> {
  const { person: p } = await t.persons.register(personInput(residentId(`12010319750315${seq.slice(-3)}`), { name, birthDate: '1975-03-15', ...overrides }));
  return p.id;
}

const until = (t: T, pred: (w: LapseWorklist) => boolean): Promise<LapseWorklist> => firstValueFrom(t.lapses.worklist().pipe(filter(pred)));

describe('lapse worklist over the real local store', () => {
  it('lists a person whose live payments stop short, with the gap; paid-up, unenrolled and other stations’ people are not listed', async () => {
    const t = await open();
    const lapsed = await person(t, '0011', '赵丽', { address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: '120103001000', detail: '友谊路 3 号' }, categories: [{ code: 'flexible', from: '2020-01-01', to: null }] });
    const paidUp = await person(t, '0022', '钱进');
    await person(t, '0033', '孙悦'); // registered, never enrolled
    await t.enrolments.setStatus({ personId: lapsed, scheme: 'employee_pension', status: 'active', effectiveMonth: '2024-01', reason: null });
    await t.enrolments.setStatus({ personId: paidUp, scheme: 'employee_pension', status: 'active', effectiveMonth: '2024-01', reason: null });
    await pulled(t, contribution(lapsed, '2024-01', '2024-06'));
    await pulled(t, contribution(paidUp, '2024-01', LAST_DUE));
    // Someone registered and enrolled at another station (the device holds the whole city).
    t.session = { ...SESSION, stationId: 'ST-XQ01' };
    const elsewhere = await person(t, '0044', '李华');
    await t.enrolments.setStatus({ personId: elsewhere, scheme: 'employee_medical', status: 'active', effectiveMonth: '2024-01', reason: null });
    t.session = SESSION;

    const w = await until(t, (x) => x.rows.length > 0);
    expect(w.month).toBe(NOW);
    expect(w.rows.map((r) => r.name)).toEqual(['赵丽']);
    const row = w.rows[0]!;
    expect(row.townCode).toBe('120103001000');
    expect(row.categories).toEqual(['flexible']);
    expect(row.lapse.schemes).toEqual([{ scheme: 'employee_pension', status: 'active', yearly: false, lastPaid: '2024-06', since: '2024-07', through: LAST_DUE, monthsUnpaid: expect.any(Number) as number }]);
    expect(row.lapse.monthsUnpaid).toBe(addMonthsCount('2024-07', LAST_DUE));
    // Man born 1975-03: 60 years + 31 months → 2037-10; minimum for 2037: 15 + 8 × 0.5 = 19 years.
    expect(row.lapse.pension).toMatchObject({ scheme: 'employee_pension', monthsPaid: 6, minimumMonths: 228, monthsShort: 222, retirementMonth: '2037-10' });
  });

  it('a reversal reopens the months; a payment synced from the other station takes the person off the list', async () => {
    const t = await open();
    const id = await person(t, '0055', '周敏');
    await t.enrolments.setStatus({ personId: id, scheme: 'employee_pension', status: 'active', effectiveMonth: '2024-01', reason: null });
    const first = contribution(id, '2024-01', '2024-06');
    await pulled(t, first);
    await until(t, (w) => w.rows[0]?.lapse.since === '2024-07');
    await pulled(t, correct(++n + 2000, first, 'reversal', { personId: id }));
    const reopened = await until(t, (w) => w.rows[0]?.lapse.since === '2024-01');
    expect(reopened.rows[0]?.lapse.schemes[0]?.lastPaid).toBeNull();
    await pulled(t, contribution(id, '2024-01', LAST_DUE));
    const after = await until(t, (w) => !w.rows.some((r) => r.personId === id));
    expect(after.rows).toEqual([]);
  });

  it('logs contacts: a follow-up due today is on the due list until a later contact replaces it; bad input stores nothing', async () => {
    const t = await open();
    const id = await person(t, '0066', '吴刚', { phone: '13912345678' });
    const today = todayInChina();
    expect((await dataError(t.lapses.logContact({ personId: id, channel: 'call', outcome: 'will_resume', note: '', followUpDate: '2020-01-01' }))).code).toBe('contact.followUpPast');
    expect((await dataError(t.lapses.logContact({ personId: id, channel: 'fax' as 'call', outcome: 'will_resume', note: '', followUpDate: null }))).params).toMatchObject({ field: 'channel' });
    expect((await dataError(t.lapses.logContact({ personId: 'p' + '0'.repeat(32), channel: 'call', outcome: 'refused', note: '', followUpDate: null }))).code).toBe('person.notFound');
    expect(await t.store.records.count().exec()).toBe(0);

    const first = await t.lapses.logContact({ personId: id, channel: 'call', outcome: 'will_resume', note: ' 下月来缴费 ', followUpDate: today });
    expect(first).toMatchObject({ kind: 'contact', note: '下月来缴费', followUpDate: today, stationId: SESSION.stationId, staffId: 'S-WANG' });
    expect(t.writes.map((w) => w.collection)).toContain('records');
    const due = await firstValueFrom(t.lapses.dueFollowUps().pipe(filter((d) => d.length > 0)));
    expect(due).toEqual([{ contact: first, name: '吴刚', phone: '13912345678', overdue: false }]);

    const second = await t.lapses.logContact({ personId: id, channel: 'visit', outcome: 'moved_away', note: '已搬走', followUpDate: null });
    const views = await firstValueFrom(t.lapses.contactsFor(id).pipe(filter((v) => v.length === 2)));
    expect(views.map((v) => [v.record.id, v.staffName])).toEqual([[second.id, '王芳'], [first.id, '王芳']]);
    expect(await firstValueFrom(t.lapses.dueFollowUps().pipe(filter((d) => d.length === 0)))).toEqual([]);
  });
});

function addMonthsCount(from: string, to: string): number {
  let k = 0;
  for (let m = from; m <= to; m = addMonths(m, 1)) k += 1;
  return k;
}
