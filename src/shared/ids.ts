import { monotonicFactory } from 'ulid';

/**
 * Record ids are ULIDs made where the record is born (on the device at
 * creation, never at upload), so an offline record keeps its identity
 * through any number of retries. Monotonic within one process.
 */
export const newId: () => string = monotonicFactory();

/** Current time as ISO-8601 UTC with milliseconds. */
export const nowIso = (): string => new Date().toISOString();
