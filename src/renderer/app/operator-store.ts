import type { StaffRef } from '../../shared/sync-protocol';

/**
 * Who was last at the window on this device, so a reopened app does not ask
 * again; the header picker changes it at any time. Stored per browser
 * profile, i.e. per station device.
 */
const KEY = 'shebao.operator';

export function rememberedOperator(staff: readonly StaffRef[]): StaffRef | null {
  try {
    const id = localStorage.getItem(KEY);
    return staff.find((s) => s.id === id) ?? null;
  } catch {
    return null;
  }
}

export function rememberOperator(staffId: string): void {
  try {
    localStorage.setItem(KEY, staffId);
  } catch {
    // Not fatal: the operator is asked for again next time.
  }
}
