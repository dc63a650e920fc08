import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../src/renderer/data/contract';
import { receiptContent } from '../../src/renderer/features/receipt-pdf/receipt-content';
import { RESOURCES } from '../../src/renderer/i18n/resources';
import { paymentSchema, type Payment } from '../../src/shared/payment';

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: RESOURCES['zh-CN'] } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  t = i18n.getFixedT('zh-CN');
});

const line = { packVersion: '2025.9', fromMonth: '2025-04', toMonth: '2025-04', months: 1, baseFen: 530000, rate: { num: 2000, den: 10000 }, gradeId: null,
  totalFen: 3520, personalAccountFen: 1408, pooledFen: 2112, subsidyFen: 0, personFen: 3520, dueNowFen: 3520, subsidyPayment: null } as const;

function payment(over: Partial<Payment>): Payment {
  return paymentSchema.parse({
    id: '01JD0000000000000000000000', kind: 'contribution', personId: `p${'a'.repeat(32)}`, scheme: 'employee_pension', regionCode: '120000',
    fromMonth: '2025-04', toMonth: '2025-04', lines: [line], totalFen: 3520, paidFen: 3520, method: 'cash', channel: 'window',
    receiptNo: 'HX01-001-2025-000007-X', refId: null, reason: null, approvedBy: null, stationId: 'st1', deviceId: 'dv1', staffId: 'sf1',
    createdAt: '2025-05-06T01:02:03.000Z', _deleted: false, ...over,
  });
}

const content = (view: PaymentView, originalReceiptNo?: string) =>
  receiptContent(t, { view, person: null, stationName: '河西区友谊路街道劳动保障服务站', clerkName: '王建国', printNumber: 1, originalReceiptNo: originalReceiptNo ?? null });

describe('receipt wording by kind', () => {
  it('names a 补差 and the receipt it completes', () => {
    const topUp = payment({ kind: 'top_up', refId: '01JC0000000000000000000000' });
    const c = content({ payment: topUp, status: 'recorded', rejection: null }, 'HX01-001-2025-000001-B');
    expect(c.rows[0]).toEqual({ label: '业务类型', value: '补差（原收据号 HX01-001-2025-000001-B）' });
  });

  it('says nothing of a kind on an ordinary contribution', () => {
    const c = content({ payment: payment({}), status: 'recorded', rejection: null });
    expect(c.rows.map((r) => r.label)).not.toContain('业务类型');
    expect(c.rows.map((r) => r.label)).not.toContain('状态');
  });

  it('marks a reprint of a reversed or refunded receipt with its state', () => {
    for (const [status, text] of [['reversed', '已冲正'], ['refunded', '已退费']] as const) {
      const c = content({ payment: payment({}), status, rejection: null });
      expect(c.rows).toContainEqual({ label: '状态', value: text });
    }
  });
});
