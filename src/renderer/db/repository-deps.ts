import type { StaffRef } from '../../shared/sync-protocol';
import { DataError, type DeviceSession } from '../data/contract';
import type { LocalStore } from './database';

/** Who is writing, from where: every record and audit event is stamped with both. */
export interface WriterContext {
  readonly session: DeviceSession;
  readonly staff: StaffRef;
}

export type LocalWriteCollection = 'persons' | 'audit' | 'payments' | 'records';

export interface RepositoryDeps {
  readonly store: LocalStore;
  session(): DeviceSession | null;
  operator(): StaffRef | null;
  /** Told about every local write so the sync status can count what the server has not acknowledged. */
  localWrite(collection: LocalWriteCollection, id: string, version: string): void;
}

/** Throws 'device.notEnrolled' before enrolment (no key secret yet) and 'operator.missing' with nobody at the window. */
export function requireSession(deps: RepositoryDeps): DeviceSession {
  const session = deps.session();
  if (!session) throw new DataError('device.notEnrolled');
  return session;
}

export function requireWriter(deps: RepositoryDeps): WriterContext {
  const session = requireSession(deps);
  const staff = deps.operator();
  if (!staff) throw new DataError('operator.missing');
  return { session, staff };
}

/**
 * A write time that is strictly later than the record's previous one, so
 * that two edits in the same millisecond still order, and the pending-
 * change tracker (which compares updatedAt) never confuses them.
 */
export function stampAfter(previous: string | null, now: string): string {
  if (previous === null || now > previous) return now;
  return new Date(Date.parse(previous) + 1).toISOString();
}
