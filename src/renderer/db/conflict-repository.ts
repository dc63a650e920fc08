import { map } from 'rxjs';
import type { ConflictRepository } from '../data/contract';
import type { ConflictCollection } from './database';

/** Conflicts come from the server; the UI lists the open ones, newest first (resolving: conflict-review-repository.ts). */
export function createConflictRepository(conflicts: ConflictCollection): ConflictRepository {
  return {
    observeOpen: () =>
      conflicts
        .find({ selector: { status: 'open' }, sort: [{ createdAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => ({ ...d.toMutableJSON(), _deleted: false })))),
  };
}
