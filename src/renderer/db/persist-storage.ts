import { nowIso } from '../../shared/ids';
import type { ShebaoDatabase } from './database';
import { LOCAL_DOC, readLocal, writeLocal } from './local-state';

/**
 * Asks the browser once to keep this origin's storage persistent (never
 * evicted under storage pressure) and remembers the answer. Without it a
 * browser may silently drop the station's IndexedDB when the disk fills.
 * Electron grants it for its persistent partition; Chromium grants it to
 * installed or frequently used sites, otherwise the UI can point it out.
 */
export async function requestPersistentStorage(db: ShebaoDatabase): Promise<boolean | null> {
  const known = await readLocal(db, LOCAL_DOC.storage);
  if (known) return known.persisted;
  const storage = typeof navigator === 'undefined' ? undefined : (navigator.storage as StorageManager | undefined);
  let persisted: boolean | null = null;
  if (storage && typeof storage.persist === 'function') {
    try {
      persisted = await storage.persist();
    } catch {
      persisted = false;
    }
  }
  await writeLocal(db, LOCAL_DOC.storage, { persisted, askedAt: nowIso() });
  return persisted;
}
