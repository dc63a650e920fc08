import type { DexieDb, LocalStore } from './database';

/**
 * Key-only reads straight from the Dexie table under the persons
 * collection. RxDB's find().exec() materialises every document (100,000
 * persons is ~60 MB of objects and seconds of work) when the list only
 * needs their ids in name order: IndexedDB's getAllKeys() on the name
 * index returns exactly that and nothing else.
 *
 * RxDB prepends `_deleted` to every index and appends the primary key
 * (the name index is [_deleted+name+id]) and stores booleans in indexes as
 * '0'/'1'; the range below therefore selects the live documents in
 * (name, id) order, code point by code point.
 */
const NAME_INDEX = '[_deleted+name+id]';

function docsTable(dexie: DexieDb) {
  return dexie.table('docs');
}

export async function listPersonIdsByName(store: LocalStore): Promise<string[]> {
  const keys = await docsTable(store.dexieOf('persons'))
    .where(NAME_INDEX)
    .between(['0', ''], ['0', '\uffff'], true, true)
    .primaryKeys();
  return keys.map(String);
}

export async function listFirstPersonIdsByName(store: LocalStore, limit: number): Promise<string[]> {
  const keys = await docsTable(store.dexieOf('persons'))
    .where(NAME_INDEX)
    .between(['0', ''], ['0', '\uffff'], true, true)
    .limit(limit)
    .primaryKeys();
  return keys.map(String);
}

export async function countPersons(store: LocalStore): Promise<number> {
  return docsTable(store.dexieOf('persons')).where(NAME_INDEX).between(['0', ''], ['0', '\uffff'], true, true).count();
}
