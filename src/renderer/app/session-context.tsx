import { createContext, useContext } from 'react';
import type { DeviceSession } from '../data/contract';
import type { StaffRef } from '../../shared/sync-protocol';

export interface SessionState {
  readonly session: DeviceSession;
  /** The staff member at the window; every record written is stamped with them. */
  readonly operator: StaffRef;
  readonly setOperator: (staffId: string) => void;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The enrolled device's session and the operator. Only inside the app shell (after enrolment). */
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext (the app shell renders only after enrolment)');
  return s;
}
