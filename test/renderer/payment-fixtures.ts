import type { PaymentInput, PaymentRepository } from '../../src/renderer/data/contract';
import { LOCAL_DOC, writeLocal } from '../../src/renderer/db/local-state';
import { createPaymentRepository } from '../../src/renderer/db/payment-repository';
import { createPolicyRepository } from '../../src/renderer/db/policy-repository';
import { receiptYear } from '../../src/renderer/db/receipt-stock';
import type { LeasedBlock } from '../../src/shared/sync-protocol';
import { openTestStore, personInput, residentId, SESSION, type TestStore } from './fixtures';
import { centreKey, packDoc, shippedPack, sign } from './pack-centre';
import { testNow } from './test-clock';

export const KEY = centreKey(7);

export interface PaymentStore extends TestStore {
  readonly payments: PaymentRepository;
  readonly personId: string;
  /** The clock its payments are taken by. */
  readonly now: () => Date;
}

/**
 * A test store enrolled with the centre key, holding the verified Tianjin packs and one registered
 * person; payments are taken by `now` (default test-clock.ts testNow, mid-April 2025).
 */
export async function openPaymentStore(now: () => Date = testNow): Promise<PaymentStore> {
  const t = await openTestStore();
  t.session = { ...SESSION, policyKeys: [{ keyId: KEY.keyId, publicKeyHex: KEY.publicKeyHex }] };
  for (const file of ['tianjin-2024.1.json', 'tianjin-2025.1.json']) {
    const { _deleted: _d, ...doc } = packDoc(sign(shippedPack(file), KEY));
    await t.store.packs.insert(doc);
  }
  const policy = createPolicyRepository(t.store, () => t.session?.policyKeys ?? []);
  const payments = createPaymentRepository({
    store: t.store, policy,
    session: () => t.session,
    operator: () => t.operator,
    localWrite: (collection, id, version) => t.writes.push({ collection, id, version }),
    now,
  });
  const { person } = await t.persons.register(personInput(residentId('12010319900307123')));
  return Object.assign(t, { payments, personId: person.id, now });
}

/**
 * Stores leased blocks, as the sync's lease call would: for the receipt year of the payments'
 * clock (the store's, else test-clock.ts) and for the machine's, which the other repositories
 * (补差, corrections) still number in.
 */
export async function leaseBlocks(t: TestStore & { readonly now?: () => Date }, ranges: ReadonlyArray<readonly [number, number]>): Promise<void> {
  const years = [...new Set([receiptYear((t.now ?? testNow)()), receiptYear()])];
  const blocks: LeasedBlock[] = years.flatMap((year) => ranges.map(([from, to]) => ({ year, from, to })));
  await writeLocal(t.store.db, LOCAL_DOC.receiptBlocks, { stationCode: SESSION.stationCode, deviceNo: SESSION.deviceNo, blocks, leasedAt: new Date().toISOString() });
}

export const pensionQuarter = (personId: string, overrides: Partial<PaymentInput> = {}): PaymentInput => ({
  personId, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, method: 'cash', channel: 'window', ...overrides,
});
