import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoverageRecord } from '../../../shared/corrections/double-coverage';
import { parseReceiptNumber } from '../../../shared/receipts/receipt-number';
import { useSession } from '../../app/session-context';
import { yuanText } from '../payments/payment-format';

/** Where a record was taken: this station by name; another by the station code its receipt number carries. */
function useStationText(): (r: CoverageRecord) => string {
  const { t } = useTranslation();
  const { session } = useSession();
  return (r) => {
    if (r.stationId === session.stationId) return `${session.stationName}（${t('corrections.thisStation')}）`;
    const parsed = r.receiptNo ? parseReceiptNumber(r.receiptNo) : null;
    return parsed?.ok ? t('corrections.stationCode', { code: parsed.value.stationCode }) : t('corrections.otherStation');
  };
}

/** One record of a double-coverage case: scheme, months, amount, station, receipt (linked) and its 退费 button or outcome. */
export function CoverageRecordLine({
  record,
  suggested,
  onRefund,
}: {
  readonly record: CoverageRecord;
  readonly suggested: boolean;
  /** Absent on settled cases. */
  readonly onRefund?: () => void;
}) {
  const { t } = useTranslation();
  const stationText = useStationText();
  return (
    <Space data-testid="coverage-record" data-payment-id={record.paymentId} data-station-id={record.stationId} wrap>
      <Typography.Text>
        {t('corrections.recordText', {
          scheme: t(`schemes.${record.scheme}`), from: record.fromMonth, to: record.toMonth, amount: yuanText(record.paidFen),
          station: stationText(record),
        })}
      </Typography.Text>
      <Link to={`/payments/${record.paymentId}/receipt`} data-testid="coverage-receipt">
        {record.receiptNo ?? t('corrections.noReceipt')}
      </Link>
      {record.correction ? (
        <Tag color="purple" data-testid="coverage-record-status" data-status={record.correction.state}>
          {t(`payments.status.${record.correction.state}`)}
        </Tag>
      ) : null}
      {onRefund ? (
        <Button size="small" danger type={suggested ? 'primary' : 'default'} data-testid="coverage-refund" onClick={onRefund}>
          {suggested ? `${t('corrections.refund')}（${t('corrections.suggested')}）` : t('corrections.refund')}
        </Button>
      ) : null}
    </Space>
  );
}
