import { firstValueFrom } from 'rxjs';
import type { WithDeleted } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentDoc } from '../../src/renderer/db/schemas/payment-schema';
import { SyncHttpError } from '../../src/renderer/sync/http-client';
import { paymentPushRows } from '../../src/renderer/sync/payment-push';
import type { PushRow } from '../../src/shared/sync-protocol';
import { leaseBlocks, openPaymentStore, pensionQuarter, type PaymentStore } from './payment-fixtures';

let open: PaymentStore[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.store.close()));
  open = [];
});

type Row = PushRow<WithDeleted<PaymentDoc>>;

async function twoPayments(): Promise<{ t: PaymentStore; rows: Row[] }> {
  const t = await openPaymentStore();
  open.push(t);
  await leaseBlocks(t, [[1, 200]]);
  const a = await t.payments.take(pensionQuarter(t.personId));
  const b = await t.payments.take(pensionQuarter(t.personId, { fromMonth: '2025-07', toMonth: '2025-09' }));
  const rows = [a, b].map((p) => ({ assumedMasterState: null, newDocumentState: p }));
  return { t, rows };
}

describe('payments push', () => {
  it('isolates a refused payment, records its code, and still sends the others', async () => {
    const { t, rows } = await twoPayments();
    const [good, bad] = rows.map((r) => r.newDocumentState);
    const sent: string[][] = [];
    const push = paymentPushRows(t.store.db);
    const conflicts = await push(rows, (batch) => {
      sent.push(batch.map((r) => r.newDocumentState.id));
      if (batch.some((r) => r.newDocumentState.id === bad!.id)) {
        return Promise.reject(new SyncHttpError('payment.amountMismatch', 422, [{ row: 0, field: 'newDocumentState.totalFen', message: 'payment.amountMismatch' }]));
      }
      return Promise.resolve([]);
    });
    expect(conflicts).toEqual([]);
    expect(sent).toEqual([[good!.id, bad!.id], [good!.id], [bad!.id]]);
    const rejections = await firstValueFrom(t.payments.rejections$);
    expect(rejections).toEqual([expect.objectContaining({ paymentId: bad!.id, reason: 'refused', code: 'payment.amountMismatch', params: { field: 'newDocumentState.totalFen', detail: 'payment.amountMismatch' } })]);
    // The refused payment stays stored and visible with its status.
    const view = await t.payments.get(bad!.id);
    expect(view?.status).toBe('refused');
    expect(view?.rejection?.code).toBe('payment.amountMismatch');
    expect((await t.payments.get(good!.id))?.status).toBe('recorded');
  });

  it('retries (throws) on errors that are not about the document', async () => {
    const { t, rows } = await twoPayments();
    const push = paymentPushRows(t.store.db);
    await expect(push(rows, () => Promise.reject(new SyncHttpError('network.unreachable', null)))).rejects.toThrow('network.unreachable');
    await expect(push(rows, () => Promise.reject(new SyncHttpError('server.error', 500)))).rejects.toThrow('server.error');
    expect(await firstValueFrom(t.payments.rejections$)).toEqual([]);
  });

  it('keeps our version when the server answers with a different document under the same id', async () => {
    const { t, rows } = await twoPayments();
    const mine = rows[0]!.newDocumentState;
    const theirs = { ...mine, staffId: 'S-OTHER' };
    const push = paymentPushRows(t.store.db);
    // An identical answer (idempotent duplicate) is not a rejection.
    expect(await push(rows, () => Promise.resolve([rows[1]!.newDocumentState]))).toHaveLength(1);
    expect(await firstValueFrom(t.payments.rejections$)).toEqual([]);
    const conflicts = await push(rows, () => Promise.resolve([theirs]));
    expect(conflicts).toEqual([theirs]);
    const [rejection] = await firstValueFrom(t.payments.rejections$);
    expect(rejection).toMatchObject({ paymentId: mine.id, reason: 'conflict', code: 'payment.conflict' });
    expect(rejection?.local).toEqual(mine);
  });
});
