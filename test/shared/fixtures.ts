import { gb11643CheckChar } from '../../src/shared/id-number';
import { derivePersonKey } from '../../src/shared/person-key';
import { reverse, type Person } from '../../src/shared/person';

export const SECRET = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

/** A valid resident ID for a birth date (YYYYMMDD) and 3-digit sequence. */
export function residentId(area: string, ymd: string, seq: number): string {
  const s17 = `${area}${ymd}${String(seq).padStart(3, '0')}`;
  return s17 + gb11643CheckChar(s17);
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  const idNumber = overrides.idNumber ?? residentId('120104', '19750315', 123);
  const base: Person = {
    id: derivePersonKey(SECRET, 'resident', idNumber),
    idType: 'resident',
    idNumber,
    idRev: reverse(idNumber),
    name: '张伟',
    sex: 'M',
    birthDate: '1975-03-15',
    phone: '13812345678',
    hukouType: 'urban',
    address: { provinceCode: '120000', cityCode: '120100', countyCode: '120104', townCode: '', detail: '友谊路 1 号' },
    household: null,
    categories: [{ code: 'unemployed', from: '2024-01-01', to: null }],
    employmentStatus: 'unemployed',
    archiveLocation: '河西区人才服务中心',
    notes: '',
    active: true,
    deactivation: null,
    stationId: 'HX01',
    createdAt: '2026-01-05T08:00:00.000Z',
    createdBy: 'staff-a',
    updatedAt: '2026-01-05T08:00:00.000Z',
    updatedBy: 'staff-a',
    updatedDevice: 'dev-a',
    _deleted: false,
  };
  return { ...base, ...overrides };
}
