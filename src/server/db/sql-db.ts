/**
 * The one storage interface of the server. Both adapters (PGlite embedded,
 * PostgreSQL via pg) run the same SQL and the same migrations, so nothing
 * above this file knows which database it talks to.
 */
export interface Queryable {
  /** Runs ONE statement with positional parameters ($1, $2, …) and returns its rows. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface SqlDb extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside one transaction (READ COMMITTED): commits when it
   * resolves, rolls back when it throws. Queries inside must use the `q`
   * handed in, never the SqlDb itself (PGlite would deadlock on its queue).
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** jsonb parameters travel as text and are cast in SQL ($n::text::jsonb): pg would turn a JS array into a PG array literal. */
export const jsonParam = (v: unknown): string => JSON.stringify(v);
