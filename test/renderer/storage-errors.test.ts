import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/renderer/data/contract';
import { openDataApi } from '../../src/renderer/db/open-data-api';
import { guardWrite, isQuotaError } from '../../src/renderer/db/storage-errors';
import { openTestStore, personInput, residentId } from './fixtures';

describe('storage failures', () => {
  it('recognises a quota failure however deeply it is wrapped, and maps it to db.quota', async () => {
    const quota = new DOMException('disk full', 'QuotaExceededError');
    // Dexie's shape (importing dexie here would load a second copy next to RxDB's own).
    const dexieWrapped = Object.assign(new Error('QuotaExceededError: disk full'), { name: 'AbortError', inner: quota });
    const rxdbWrapped = Object.assign(new Error('RxError (RC_PUSH)'), { parameters: { writeError: dexieWrapped } });
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(rxdbWrapped)).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    const e: unknown = await guardWrite(() => Promise.reject(rxdbWrapped)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe('db.quota');
  });

  it('reports db.open when the database cannot be opened, and deletes nothing', async () => {
    const indexedDB = new IDBFactory();
    const t = await openTestStore({ indexedDB });
    await t.persons.register(personInput(residentId('12010319900307123')));
    await t.store.close();
    const namesBefore = (await indexedDB.databases()).map((d) => d.name).sort();
    expect(namesBefore).toContain(`rxdb-dexie-${t.name}--1--persons`);

    // IndexedDB refusing to open: what a corrupt or blocked database looks like to the page.
    const broken = new Proxy(indexedDB, {
      get(target, prop, receiver) {
        if (prop === 'open') return () => { throw new DOMException('backing store corrupt', 'UnknownError'); };
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const e: unknown = await openDataApi({ dbName: t.name, indexedDB: broken, IDBKeyRange }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe('db.open');

    // Nothing was deleted or recreated: the same databases, the person still stored.
    // (Read with plain IndexedDB: RxDB keeps the failed open cached until the page reloads.)
    expect((await indexedDB.databases()).map((d) => d.name).sort()).toEqual(namesBefore);
    expect(await countRows(indexedDB, `rxdb-dexie-${t.name}--1--persons`, 'docs')).toBe(1);
  });
});

function countRows(factory: IDBFactory, dbName: string, store: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = factory.open(dbName);
    req.onerror = () => { reject(req.error ?? new Error('open failed')); };
    req.onsuccess = () => {
      const db = req.result;
      const count = db.transaction(store, 'readonly').objectStore(store).count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
      count.onerror = () => { db.close(); reject(count.error ?? new Error('count failed')); };
    };
  });
}
