import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../../app/use-observable';
import type { ReceiptStockStatus } from '../../data/contract';
import { useData } from '../../data/data-context';

/** null until the stock is read: nothing is shown rather than a false alarm. */
export function useReceiptStock(): ReceiptStockStatus | null {
  const data = useData();
  return useObservable<ReceiptStockStatus | null>(data.payments.receiptStock$, null);
}

/** Receipt numbers left on this device: a warning at ≤ 20%, an error when none are left. */
export function ReceiptStockAlert({ stock }: { readonly stock: ReceiptStockStatus | null }) {
  const { t } = useTranslation();
  if (!stock) return null;
  if (stock.nextReceiptNo === null) {
    return <Alert type="error" showIcon data-testid="pay-stock-none" data-remaining={0} title={t('payments.stockNone')} />;
  }
  if (stock.warn) {
    return <Alert type="warning" showIcon data-testid="pay-stock-warn" data-remaining={stock.remaining} title={t('payments.stockWarn', { count: stock.remaining })} />;
  }
  return (
    <Typography.Text type="secondary" data-testid="pay-next-receipt" data-remaining={stock.remaining}>
      {t('payments.nextReceipt', { receiptNo: stock.nextReceiptNo })}
    </Typography.Text>
  );
}
