import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, expect } from 'vitest';
import { DataError } from '../../src/renderer/data/contract';
import { gb11643CheckChar } from '../../src/shared/id-number';
import type { DeviceSession, PersonInput, PersonRepository } from '../../src/renderer/data/contract';
import { openLocalStore, type LocalStore } from '../../src/renderer/db/database';
import { createPersonRepository } from '../../src/renderer/db/person-repository';
import type { LocalWriteCollection } from '../../src/renderer/db/repository-deps';
import type { StaffRef } from '../../src/shared/sync-protocol';

/** A valid resident ID from its first 17 digits. */
export const residentId = (first17: string): string => first17 + gb11643CheckChar(first17);

/** The first valid resident ID after `base` (17 digits) whose check character is X. */
export function residentIdEndingInX(base: string): string {
  for (let n = Number(base.slice(14)); n < 1000; n++) {
    const first17 = base.slice(0, 14) + String(n).padStart(3, '0');
    if (gb11643CheckChar(first17) === 'X') return first17 + 'X';
  }
  throw new Error('none found');
}

export const STAFF: StaffRef[] = [
  { id: 'S-WANG', name: '王芳', reviewer: false },
  { id: 'S-LI', name: '李强', reviewer: true },
];

export const SESSION: DeviceSession = {
  deviceId: 'DEV-1',
  deviceNo: 1,
  token: 'token-1',
  serverUrl: 'http://127.0.0.1:1',
  stationId: 'ST-HX01',
  stationCode: 'HX01',
  stationName: '河西区友谊路街道劳动保障服务站',
  cityName: '天津市',
  regionCode: '120000',
  personKeySecret: '5f'.repeat(32),
  staff: STAFF,
};

export function personInput(idNumber: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    idType: 'resident',
    idNumber,
    name: '张伟',
    sex: 'M',
    birthDate: '1990-01-01',
    phone: '13800138000',
    hukouType: 'urban',
    address: { provinceCode: '120000', cityCode: '120100', countyCode: '120103', townCode: '', detail: '友谊路 1 号' },
    household: null,
    categories: [{ code: 'unemployed', from: '2024-01-01', to: null }],
    employmentStatus: 'unemployed',
    archiveLocation: '河西区人才服务中心',
    notes: '',
    ...overrides,
  };
}

let counter = 0;
/** A database name not used before in this process (Dexie caches connections by name). */
export const uniqueDbName = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestStore {
  readonly store: LocalStore;
  readonly persons: PersonRepository;
  readonly writes: Array<{ collection: LocalWriteCollection; id: string; version: string }>;
  session: DeviceSession | null;
  operator: StaffRef | null;
  readonly indexedDB: IDBFactory;
  readonly name: string;
}

/** A real local store (RxDB + Dexie over fake-indexeddb) with a person repository, enrolled and with an operator. */
export async function openTestStore(options: { indexedDB?: IDBFactory; name?: string } = {}): Promise<TestStore> {
  const indexedDB = options.indexedDB ?? new IDBFactory();
  const name = options.name ?? uniqueDbName('t');
  const store = await openLocalStore(name, { indexedDB, IDBKeyRange });
  const t: TestStore = {
    store,
    writes: [],
    session: SESSION,
    operator: STAFF[0]!,
    indexedDB,
    name,
    persons: createPersonRepository({
      store,
      session: () => t.session,
      operator: () => t.operator,
      localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
    }),
  };
  return t;
}

/**
 * Returns an opener that tracks what it opened and closes all of it after
 * each test (so a failed test never leaves a database open for the next).
 * Call at the top level of a test file.
 */
export function closedAfterEach<T extends { readonly store: { close(): Promise<unknown> } }>(openOne: () => Promise<T>): () => Promise<T> {
  let opened: T[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((t) => t.store.close()));
    opened = [];
  });
  return async () => {
    const t = await openOne();
    opened.push(t);
    return t;
  };
}

/** The DataError a promise rejects with (fails the test if it resolves or throws something else). */
export async function dataError(p: Promise<unknown>): Promise<DataError> {
  const e: unknown = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}
