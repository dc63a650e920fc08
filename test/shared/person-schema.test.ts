import { describe, expect, it } from 'vitest';
import { personSchema } from '../../src/shared/person';
import { makePerson, residentId } from './fixtures';

const messages = (r: ReturnType<typeof personSchema.safeParse>) => (r.success ? [] : r.error.issues.map((i) => i.message));

describe('personSchema (shared by device and server)', () => {
  it('accepts a complete valid person', () => {
    expect(personSchema.safeParse(makePerson()).success).toBe(true);
  });

  it('refuses a wrong check character with the i18n code', () => {
    const p = makePerson();
    const bad = p.idNumber.slice(0, 17) + (p.idNumber.endsWith('0') ? '1' : '0');
    expect(messages(personSchema.safeParse({ ...p, idNumber: bad, idRev: bad.split('').reverse().join('') }))).toContain('id.checkDigit');
  });

  it('refuses a birth date or sex that contradicts the ID number', () => {
    expect(messages(personSchema.safeParse(makePerson({ birthDate: '1975-03-16' })))).toContain('id.birthMismatch');
    expect(messages(personSchema.safeParse(makePerson({ sex: 'F' })))).toContain('id.sexMismatch');
  });

  it('refuses a malformed phone, unknown fields and an inconsistent deactivation', () => {
    expect(messages(personSchema.safeParse(makePerson({ phone: '12345' })))).toContain('phone.format');
    expect(personSchema.safeParse({ ...makePerson(), extra: 1 }).success).toBe(false);
    expect(messages(personSchema.safeParse(makePerson({ active: false })))).toContain('person.deactivation');
  });

  it('refuses a category ending before it starts, and a non-normalised ID', () => {
    expect(messages(personSchema.safeParse(makePerson({ categories: [{ code: 'flexible', from: '2025-05-01', to: '2025-01-01' }] })))).toContain('category.range');
    const lower = residentId('110105', '19491231', 2).replace('X', 'x');
    expect(lower).toBe('11010519491231002x');
    expect(messages(personSchema.safeParse(makePerson({ idNumber: lower, idRev: lower.split('').reverse().join('') })))).toContain('id.notNormalized');
  });
});
