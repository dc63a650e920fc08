import { IDBFactory } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { recordRejections$ } from '../../src/renderer/db/record-store';
import type { LocalStore } from '../../src/renderer/db/database';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths } from '../../src/shared/months';
import { personInput, residentId, uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';

const env = useTestServer(0, { packs: true });

async function station(code: keyof typeof DEMO_CODES): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const opened = await openApiWithStore({ dbName: uniqueDbName('lapse'), indexedDB: new IDBFactory() });
  env.track(opened.api);
  const session = await opened.api.enrol(env.server().url, code, DEMO_CODES[code], `${code} window`);
  opened.api.setOperator(session.staff[0]!.id);
  return opened;
}

describe('lapse worklist and contacts through the real server', () => {
  it('a contact logged at HX01 is accepted by the centre and seen at XQ01; the enrolment made at HX01 puts the person on XQ01’s data but not on its worklist', async () => {
    const a = await station('HX01');
    const { person } = await a.api.persons.register(personInput(residentId('12010319700202222'), { name: '钟馗' }));
    await a.api.enrolments.setStatus({ personId: person.id, scheme: 'employee_medical', status: 'active', effectiveMonth: addMonths(todayInChina().slice(0, 7), -3), reason: null });
    const contact = await a.api.lapses.logContact({ personId: person.id, channel: 'visit', outcome: 'unreachable', note: '家中无人', followUpDate: todayInChina() });
    const listedA = await firstValueFrom(a.api.lapses.worklist().pipe(filter((w) => w.rows.length > 0)));
    expect(listedA.rows.map((r) => [r.name, r.lapse.monthsUnpaid])).toEqual([['钟馗', 3]]);
    expect(listedA.lastContact.get(person.id)?.id).toBe(contact.id);
    await a.api.sync.syncNow();
    expect((await firstValueFrom(a.api.sync.status$)).errorCode).toBeNull();
    expect(await firstValueFrom(recordRejections$(a.store.db))).toEqual([]);

    const b = await station('XQ01');
    await b.api.sync.syncNow();
    const seen = await firstValueFrom(b.api.lapses.contactsFor(person.id).pipe(filter((v) => v.length > 0)));
    expect(seen.map((v) => v.record)).toEqual([contact]);
    // HX01's person: not on XQ01's worklist, nor on its due list.
    const listedB = await firstValueFrom(b.api.lapses.worklist());
    expect(listedB.rows).toEqual([]);
    expect(await firstValueFrom(b.api.lapses.dueFollowUps())).toEqual([]);
    expect((await firstValueFrom(a.api.lapses.dueFollowUps().pipe(filter((d) => d.length > 0)))).map((d) => d.contact.id)).toEqual([contact.id]);
  });
});
