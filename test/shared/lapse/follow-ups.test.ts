import { describe, expect, it } from 'vitest';
import { dueFollowUps, latestContacts } from '../../../src/shared/lapse';
import { contactRecordSchema, type ContactRecord } from '../../../src/shared/records';

const A = `p${'ab'.repeat(16)}`;
const B = `p${'cd'.repeat(16)}`;
let seq = 0;
function contact(personId: string, followUpDate: string | null, createdAt: string): ContactRecord {
  seq += 1;
  return contactRecordSchema.parse({
    id: `01JCCCCCCCCCCCCCCCCC${String(seq).padStart(6, '0')}`, kind: 'contact', personId, channel: 'call', outcome: 'will_resume', note: '',
    followUpDate, stationId: 'ST1', deviceId: 'D1', staffId: 'S1', createdAt, _deleted: false,
  });
}

describe('follow-ups', () => {
  it('due today or overdue from each person’s latest contact; a later contact replaces the plan', () => {
    const a1 = contact(A, '2026-11-20', '2026-11-01T02:00:00.000Z');
    const b1 = contact(B, '2026-11-23', '2026-11-02T02:00:00.000Z');
    const b2 = contact(B, null, '2026-11-23T01:00:00.000Z');
    const future = contact(`p${'ef'.repeat(16)}`, '2026-11-24', '2026-11-03T02:00:00.000Z');
    expect(dueFollowUps([a1, b1, future], '2026-11-23').map((c) => c.id)).toEqual([a1.id, b1.id]);
    expect(dueFollowUps([b2, a1, b1, future], '2026-11-23').map((c) => c.id)).toEqual([a1.id]);
    expect(latestContacts([b1, b2]).get(B)?.id).toBe(b2.id);
  });

  it('refuses a contact with an unknown outcome or a malformed follow-up date', () => {
    const base = { id: `01JCCCCCCCCCCCCCCCCC999999`, kind: 'contact', personId: A, channel: 'call', note: '', stationId: 'ST1', deviceId: 'D1', staffId: 'S1', createdAt: '2026-11-01T02:00:00.000Z', _deleted: false };
    expect(contactRecordSchema.safeParse({ ...base, outcome: 'maybe', followUpDate: null }).success).toBe(false);
    expect(contactRecordSchema.safeParse({ ...base, outcome: 'refused', followUpDate: '2026/11/30' }).success).toBe(false);
    expect(contactRecordSchema.safeParse({ ...base, outcome: 'refused', followUpDate: '2026-11-30' }).success).toBe(true);
  });
});
