import type { Observable } from 'rxjs';
import type { Conflict, ConflictChoice } from '../../shared/conflict';
import type { PersonMergeField } from '../../shared/person';

/** A staff member's choice for one clashing field (typed: the corrected text, for TYPABLE_FIELDS only). */
export interface ConflictFieldChoice {
  readonly field: PersonMergeField;
  readonly choice: ConflictChoice;
  readonly typed?: string;
}

/**
 * Conflict review (issue 5 §4, ADR 019). The server's merge opened the
 * conflict and kept its own values; resolving writes the person with the
 * chosen values (a normal person update that syncs and merges) and marks
 * the conflict resolved, which the conflicts replication pushes to the
 * centre. Every station then pulls it resolved (who, when, which value).
 */
export interface ConflictReviewRepository {
  /** One conflict, open or resolved; null when this device does not hold it. */
  observe(conflictId: string): Observable<Conflict | null>;
  /** Resolved conflicts, most recently resolved first, at most `limit`. */
  observeResolved(limit: number): Observable<Conflict[]>;
  /**
   * Resolves an open conflict with one choice per clashing field, stamped
   * with the operator. Codes: operator.missing, conflict.notFound,
   * conflict.alreadyResolved, conflict.fields (not every field chosen once),
   * conflict.choice, conflict.pair (active and deactivation must come from
   * the same side), person.notFound, and the person's own validation codes
   * for a typed value (nothing is stored then).
   */
  resolve(conflictId: string, choices: readonly ConflictFieldChoice[]): Promise<Conflict>;
}
