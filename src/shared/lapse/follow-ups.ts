import type { ContactRecord } from '../records';

const later = (a: ContactRecord, b: ContactRecord): boolean => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/** Each person's latest contact (device clock, then ULID: the same choice on every device). */
export function latestContacts(contacts: readonly ContactRecord[]): Map<string, ContactRecord> {
  const out = new Map<string, ContactRecord>();
  for (const c of contacts) {
    const prev = out.get(c.personId);
    if (!prev || later(c, prev)) out.set(c.personId, c);
  }
  return out;
}

/**
 * Follow-ups due on `today` (YYYY-MM-DD, China) or overdue: a person's
 * LATEST contact asked to try again on or before today. A later contact
 * replaces the earlier plan (it either set a new date or none), so one
 * call logged today clears yesterday's follow-up. Oldest date first.
 */
export function dueFollowUps(contacts: readonly ContactRecord[], today: string): ContactRecord[] {
  return [...latestContacts(contacts).values()]
    .filter((c) => c.followUpDate !== null && c.followUpDate <= today)
    .sort((a, b) => ((a.followUpDate ?? '') < (b.followUpDate ?? '') ? -1 : (a.followUpDate ?? '') > (b.followUpDate ?? '') ? 1 : a.personId < b.personId ? -1 : 1));
}
