import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createPolicyRepository } from '../../src/renderer/db/policy-repository';
import { createTopUpRepositories } from '../../src/renderer/db/top-up-repository';
import { parseReceiptNumber } from '../../src/shared/receipts/receipt-number';
import { contribution } from '../shared/contributions/payment-builders';
import { shippedPack } from '../shared/policy/packs';
import { closedAfterEach, dataError } from './fixtures';
import { leaseBlocks, openPaymentStore } from './payment-fixtures';

const open = closedAfterEach(async () => {
  const t = await openPaymentStore();
  const policy = createPolicyRepository(t.store, () => t.session?.policyKeys ?? []);
  const repos = createTopUpRepositories({
    store: t.store, policy, session: () => t.session, operator: () => t.operator,
    localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
  });
  return Object.assign(t, repos);
});

// Taken in early 2025 on a device that had only the 2024 pack (floor 5013); the store now holds 2025.1 (floor 5124).
const only2024 = [shippedPack('tianjin-2024.1.json')];

describe('top-up repository (local store)', () => {
  it('takes one record per original, all receipt numbers or none', async () => {
    const t = await open();
    const q1 = contribution(t.personId, 'employee_pension', '2025-01', '2025-03', 501_300, only2024);
    const q2 = contribution(t.personId, 'employee_pension', '2025-04', '2025-06', 505_000, only2024);
    for (const p of [q1, q2]) {
      const { _deleted: _d, ...doc } = p;
      await t.store.payments.insert(doc);
    }
    const owed = await firstValueFrom(t.topUps.forPerson(t.personId));
    // Q1: 3 × 22.20; Q2: (5124 − 5050) × 20% = 14.80 a month.
    expect([owed.totalFen, owed.records, owed.items.length]).toEqual([6_660 + 4_440, 2, 6]);

    // One serial left for two records: refused, nothing written.
    await leaseBlocks(t, [[1, 1]]);
    const before = await t.store.payments.count().exec();
    expect((await dataError(t.topUps.take({ personId: t.personId, method: 'cash' }))).code).toBe('receipt.exhausted');
    expect(await t.store.payments.count().exec()).toBe(before);

    await leaseBlocks(t, [[1, 10]]);
    const writesBefore = t.writes.length;
    const records = await t.topUps.take({ personId: t.personId, method: 'bank_card' });
    expect(records.map((r) => [r.kind, r.refId, r.totalFen, r.method])).toEqual([
      ['top_up', q1.id, 6_660, 'bank_card'],
      ['top_up', q2.id, 4_440, 'bank_card'],
    ]);
    expect(records.map((r) => (r.receiptNo ? parseReceiptNumber(r.receiptNo) : null)).map((p) => (p?.ok ? p.value.serial : null))).toEqual([1, 2]);
    expect((await firstValueFrom(t.topUps.forPerson(t.personId))).items).toEqual([]);
    expect(await firstValueFrom(t.topUps.worklist('amount'))).toEqual([]);
    // Each record is pending for sync with its audit line.
    const written = t.writes.slice(writesBefore);
    expect(written.filter((w) => w.collection === 'payments').map((w) => w.id)).toEqual(records.map((r) => r.id));
    expect(written.filter((w) => w.collection === 'audit')).toHaveLength(2);
  });

  it('a scheme filter takes only that scheme; with nobody at the window nothing is taken', async () => {
    const t = await open();
    const pension = contribution(t.personId, 'employee_pension', '2025-01', '2025-01', 501_300, only2024);
    const medical = contribution(t.personId, 'employee_medical', '2025-01', '2025-01', 501_300, only2024);
    for (const p of [pension, medical]) {
      const { _deleted: _d, ...doc } = p;
      await t.store.payments.insert(doc);
    }
    await leaseBlocks(t, [[1, 10]]);
    t.operator = null;
    expect((await dataError(t.topUps.take({ personId: t.personId, method: 'cash' }))).code).toBe('operator.missing');
    t.operator = t.session!.staff[0]!;
    const [med] = await t.topUps.take({ personId: t.personId, scheme: 'employee_medical', method: 'cash' });
    // 111.00 × 8.5% = 9.435 → 9.44 (DOMAIN.md §4 Tianjin medical rate).
    expect([med!.scheme, med!.refId, med!.totalFen]).toEqual(['employee_medical', medical.id, 944]);
    expect((await firstValueFrom(t.topUps.forPerson(t.personId))).items.map((i) => i.scheme)).toEqual(['employee_pension']);
  });
});
