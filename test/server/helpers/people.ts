import { ulid } from 'ulid';
import type { AuditEvent } from '../../../src/shared/audit';
import { gb11643CheckChar } from '../../../src/shared/id-number';
import { derivePersonKey } from '../../../src/shared/person-key';
import { reverse, type Person } from '../../../src/shared/person';

let counter = 0;

/** A fresh valid resident ID number (河西区, unique within the test process). */
export function nextIdNumber(): string {
  counter += 1;
  const birth = new Date(Date.UTC(1970, 0, 1) + counter * 86_400_000 * 3);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `120103${ymd}${String(counter % 1000).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

export interface Author {
  readonly stationId: string;
  readonly staffId: string;
  readonly deviceId: string;
}

/** A valid person for `idNumber` (birth date and sex derived from it), registered by `by`. */
export function makePerson(secret: Uint8Array, by: Author, patch: Partial<Person> = {}, idNumber = nextIdNumber()): Person {
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const base: Person = {
    id: derivePersonKey(secret, 'resident', idNumber),
    idType: 'resident',
    idNumber,
    idRev: reverse(idNumber),
    name: '测试人',
    sex: Number(idNumber.charAt(16)) % 2 === 1 ? 'M' : 'F',
    birthDate,
    phone: '',
    hukouType: 'urban',
    address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: '120103007000', detail: '友谊路1号' },
    household: null,
    categories: [],
    employmentStatus: 'unemployed',
    archiveLocation: '',
    notes: '',
    active: true,
    deactivation: null,
    stationId: by.stationId,
    createdAt: '2025-01-01T08:00:00.000Z',
    createdBy: by.staffId,
    updatedAt: '2025-01-01T08:00:00.000Z',
    updatedBy: by.staffId,
    updatedDevice: by.deviceId,
    _deleted: false,
  };
  return { ...base, ...patch };
}

/** An edit of `p` at time `at`. */
export function edit(p: Person, by: Author, at: string, patch: Partial<Person>): Person {
  return { ...p, ...patch, updatedAt: at, updatedBy: by.staffId, updatedDevice: by.deviceId };
}

export function makeAudit(by: Author, entityId: string, patch: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: ulid(),
    entity: 'person',
    entityId,
    action: 'create',
    fields: ['name'],
    staffId: by.staffId,
    staffName: '张丽华',
    deviceId: by.deviceId,
    stationId: by.stationId,
    at: '2025-01-01T08:00:00.000Z',
    _deleted: false,
    ...patch,
  };
}

export function authorOf(e: { deviceId: string; station: { id: string }; staff: readonly { id: string }[] }): Author {
  const staff = e.staff[0];
  if (!staff) throw new Error('station has no staff');
  return { stationId: e.station.id, staffId: staff.id, deviceId: e.deviceId };
}
