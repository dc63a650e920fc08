import type { PaymentInput, PaymentRepository } from '../../src/renderer/data/contract';
import { LOCAL_DOC, writeLocal } from '../../src/renderer/db/local-state';
import { createPaymentRepository } from '../../src/renderer/db/payment-repository';
import { createPolicyRepository } from '../../src/renderer/db/policy-repository';
import { receiptYear } from '../../src/renderer/db/receipt-stock';
import type { LeasedBlock } from '../../src/shared/sync-protocol';
import { openTestStore, personInput, residentId, SESSION, type TestStore } from './fixtures';
import { centreKey, packDoc, shippedPack, sign } from './pack-centre';

export const KEY = centreKey(7);

export interface PaymentStore extends TestStore {
  readonly payments: PaymentRepository;
  readonly personId: string;
}

/** A test store enrolled with the centre key, holding the verified Tianjin packs and one registered person. */
export async function openPaymentStore(): Promise<PaymentStore> {
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
  });
  const { person } = await t.persons.register(personInput(residentId('12010319900307123')));
  return Object.assign(t, { payments, personId: person.id });
}

/** Stores leased blocks for the current receipt year, as the sync's lease call would. */
export async function leaseBlocks(t: TestStore, ranges: ReadonlyArray<readonly [number, number]>): Promise<void> {
  const year = receiptYear();
  const blocks: LeasedBlock[] = ranges.map(([from, to]) => ({ year, from, to }));
  await writeLocal(t.store.db, LOCAL_DOC.receiptBlocks, { stationCode: SESSION.stationCode, deviceNo: SESSION.deviceNo, blocks, leasedAt: new Date().toISOString() });
}

export const pensionQuarter = (personId: string, overrides: Partial<PaymentInput> = {}): PaymentInput => ({
  personId, scheme: 'employee_pension', fromMonth: '2025-04', toMonth: '2025-06', baseFen: 512400, method: 'cash', channel: 'window', ...overrides,
});
