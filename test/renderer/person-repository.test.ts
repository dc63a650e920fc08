import { describe, expect, it } from 'vitest';
import { derivePersonKey, secretFromHex } from '../../src/shared/person-key';
import { personSchema } from '../../src/shared/person';
import { auditEventSchema } from '../../src/shared/audit';
import { closedAfterEach, dataError, openTestStore, personInput, residentId, residentIdEndingInX, SESSION, STAFF, type TestStore } from './fixtures';

const store = closedAfterEach(openTestStore);


const ID_A = residentId('12010319900307123');

describe('register', () => {
  it('creates a valid, stamped person keyed by the derived key, and an audit event', async () => {
    const t = await store();
    const out = await t.persons.register(personInput(ID_A));
    expect(out.status).toBe('created');
    const p = out.person;
    expect(personSchema.parse(p)).toEqual(p);
    expect(p.id).toBe(derivePersonKey(secretFromHex(SESSION.personKeySecret), 'resident', ID_A));
    expect(p.idRev).toBe(ID_A.split('').reverse().join(''));
    // Birth date and sex come from the number, not from the form.
    expect(p.birthDate).toBe('1990-03-07');
    expect(p.sex).toBe('M');
    expect(p).toMatchObject({ stationId: SESSION.stationId, createdBy: STAFF[0]!.id, updatedBy: STAFF[0]!.id, updatedDevice: SESSION.deviceId, active: true });
    expect(await t.persons.get(p.id)).toEqual(p);
    const history = await t.persons.history(p.id);
    expect(history).toHaveLength(1);
    expect(auditEventSchema.parse(history[0])).toMatchObject({ action: 'create', entityId: p.id, staffId: STAFF[0]!.id, staffName: STAFF[0]!.name, deviceId: SESSION.deviceId });
    expect(history[0]!.fields).toContain('name');
    expect(t.writes.map((w) => w.collection).sort()).toEqual(['audit', 'persons']);
  });

  it('returns the existing person for the same number, also typed with lowercase x or in the 15-digit form', async () => {
    const t = await store();
    const withX = residentIdEndingInX('11010119850512000');
    const first = await t.persons.register(personInput(withX, { name: '赵敏' }));
    expect(first.status).toBe('created');
    const lower = await t.persons.register(personInput(withX.toLowerCase(), { name: '另一个名字' }));
    expect(lower).toEqual({ status: 'exists', person: first.person });

    const a = await t.persons.register(personInput(ID_A));
    const fifteen = `${ID_A.slice(0, 6)}${ID_A.slice(8, 17)}`;
    expect(fifteen).toHaveLength(15);
    const again = await t.persons.register(personInput(fifteen, { phone: '13900000000' }));
    expect(again.status).toBe('exists');
    expect(again.person).toEqual(a.person);
    expect(await t.persons.count()).toBe(2);
    expect(await t.persons.findById('resident', fifteen)).toEqual(a.person);
  });

  it('refuses invalid input with the i18n code of the failing rule', async () => {
    const t = await store();
    const badCheck = ID_A.slice(0, 17) + (ID_A.endsWith('1') ? '2' : '1');
    const e1 = await dataError(t.persons.register(personInput(badCheck)));
    expect(e1.code).toBe('id.checkDigit');
    expect(e1.params).toMatchObject({ field: 'idNumber', expected: ID_A.charAt(17) });
    expect((await dataError(t.persons.register(personInput('99010319900307123X')))).code).toBe('id.province');
    expect((await dataError(t.persons.register(personInput(ID_A, { phone: '12345' })))).code).toBe('phone.format');
    const e4 = await dataError(t.persons.register(personInput(ID_A, { name: '   ' })));
    expect(e4.code).toBe('field.required');
    expect(e4.params).toMatchObject({ field: 'name' });
    const e5 = await dataError(t.persons.register(personInput(ID_A, { categories: [{ code: 'flexible', from: '2024-05-01', to: '2024-01-01' }] })));
    expect(e5.code).toBe('category.range');
    expect(await t.persons.count()).toBe(0);
    expect(t.writes).toEqual([]);
  });

  it('needs an enrolled device and an operator', async () => {
    const t = await store();
    t.operator = null;
    expect((await dataError(t.persons.register(personInput(ID_A)))).code).toBe('operator.missing');
    t.session = null;
    expect((await dataError(t.persons.register(personInput(ID_A)))).code).toBe('device.notEnrolled');
  });
});

describe('edit, deactivate, history', () => {
  it('records who changed which fields, newest first', async () => {
    const t = await store();
    const { person } = await t.persons.register(personInput(ID_A));
    t.operator = STAFF[1]!;
    const edited = await t.persons.update(person.id, personInput(ID_A, { phone: '13912345678', notes: '已联系' }));
    expect(edited.phone).toBe('13912345678');
    expect(edited.updatedBy).toBe(STAFF[1]!.id);
    expect(edited.updatedAt > person.updatedAt).toBe(true);
    expect(edited.createdBy).toBe(STAFF[0]!.id);
    // No change: nothing written, no history entry.
    expect(await t.persons.update(person.id, personInput(ID_A, { phone: '13912345678', notes: '已联系' }))).toEqual(edited);
    const history = await t.persons.history(person.id);
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]!.fields.sort()).toEqual(['notes', 'phone']);
    expect(history[0]!.staffId).toBe(STAFF[1]!.id);
  });

  it('does not let an edit change the ID number', async () => {
    const t = await store();
    const { person } = await t.persons.register(personInput(ID_A));
    const other = residentId('12010319900307155');
    expect((await dataError(t.persons.update(person.id, personInput(other)))).code).toBe('person.idImmutable');
  });

  it('deactivates only with a reason, and reactivates', async () => {
    const t = await store();
    const { person } = await t.persons.register(personInput(ID_A));
    expect((await dataError(t.persons.deactivate(person.id, '   '))).code).toBe('person.deactivationReason');
    expect((await t.persons.get(person.id))!.active).toBe(true);
    const off = await t.persons.deactivate(person.id, '迁出本市');
    expect(off.active).toBe(false);
    expect(off.deactivation).toMatchObject({ reason: '迁出本市', by: STAFF[0]!.id });
    const on = await t.persons.reactivate(person.id);
    expect(on.active).toBe(true);
    expect(on.deactivation).toBeNull();
    expect((await t.persons.history(person.id)).map((h) => h.action)).toEqual(['reactivate', 'deactivate', 'create']);
    expect((await dataError(t.persons.deactivate('p' + '0'.repeat(32), '原因'))).code).toBe('person.notFound');
  });

  it('a write that fails validation leaves the stored documents unchanged', async () => {
    const t = await store();
    const { person } = await t.persons.register(personInput(ID_A));
    const before = await t.store.persons.findOne(person.id).exec();
    const beforeRaw = before!.toJSON(true);
    const auditBefore = await t.store.audit.count().exec();
    const writesBefore = t.writes.length;
    expect((await dataError(t.persons.update(person.id, personInput(ID_A, { phone: 'abc' })))).code).toBe('phone.format');
    expect((await dataError(t.persons.update(person.id, personInput(ID_A, { name: 'x'.repeat(51) })))).code).toBe('field.tooLong');
    const after = await t.store.persons.findOne(person.id).exec();
    // Same revision: storage was not written at all.
    expect(after!.toJSON(true)).toEqual(beforeRaw);
    expect(await t.store.audit.count().exec()).toBe(auditBefore);
    expect(t.writes).toHaveLength(writesBefore);
  });
});

describe('search and list', () => {
  async function seeded(): Promise<{ t: TestStore; ids: Record<string, string> }> {
    const t = await store();
    const people = [
      { id: residentId('12010319900307123'), name: '张伟', phone: '13800138000' },
      { id: residentId('12010419851111234'), name: '张三丰', phone: '13912340000' },
      { id: residentIdEndingInX('11010119850512000'), name: '李娜', phone: '' },
      { id: residentId('13010219700101456'), name: '王芳', phone: '15000001111' },
    ];
    const ids: Record<string, string> = {};
    for (const p of people) {
      const out = await t.persons.register(personInput(p.id, { name: p.name, phone: p.phone }));
      ids[p.name] = out.person.id;
    }
    return { t, ids };
  }
  const names = (list: Array<{ name: string }>): string[] => list.map((p) => p.name);

  it('finds by full ID (any accepted spelling), last 4 and last 6 characters', async () => {
    const { t } = await seeded();
    const zhang = residentId('12010319900307123');
    expect(names(await t.persons.search(zhang, 20))).toEqual(['张伟']);
    const li = residentIdEndingInX('11010119850512000');
    expect(names(await t.persons.search(li.toLowerCase(), 20))).toEqual(['李娜']);
    expect(names(await t.persons.search(zhang.slice(-4), 20))).toContain('张伟');
    expect(names(await t.persons.search(zhang.slice(-6), 20))).toEqual(['张伟']);
    expect(names(await t.persons.search(li.slice(-4).toLowerCase(), 20))).toEqual(['李娜']);
  });

  it('finds by name prefix and phone prefix, sorted by name, limited', async () => {
    const { t } = await seeded();
    expect(names(await t.persons.search('张', 20))).toEqual(['张三丰', '张伟'].sort());
    expect(names(await t.persons.search('张三', 20))).toEqual(['张三丰']);
    expect(names(await t.persons.search('张', 1))).toHaveLength(1);
    expect(names(await t.persons.search('139123', 20))).toEqual(['张三丰']);
    expect(names(await t.persons.search('13800138000', 20))).toEqual(['张伟']);
    expect(names(await t.persons.search('赵', 20))).toEqual([]);
    expect(await t.persons.search('   ', 20)).toEqual([]);
  });

  it('lists ids in name order and loads rows on demand', async () => {
    const { t, ids } = await seeded();
    const list = await t.persons.listIds();
    const expected = Object.entries(ids).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, id]) => id);
    expect(list).toEqual(expected);
    // The first screenful is the head of the same order.
    expect(await t.persons.listFirstIds(2)).toEqual(expected.slice(0, 2));
    expect(await t.persons.listFirstIds(100)).toEqual(expected);
    const rows = await t.persons.getMany([list[2]!, 'p' + 'f'.repeat(32), list[0]!]);
    expect(rows.map((r) => r.id)).toEqual([list[2], list[0]]);
    expect(await t.persons.count()).toBe(4);
  });
});
