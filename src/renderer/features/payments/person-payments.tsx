import { Table, Tag, Tooltip } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import type { PaymentStatus, PaymentView } from '../../data/contract';
import { useData } from '../../data/data-context';
import { currentLanguage, translateCode } from '../../i18n/i18n';
import { StatementLinks } from '../statement/statement-links';
import { yuanText } from './payment-format';

const NONE: PaymentView[] = [];
const STATUS_COLOR: Record<PaymentStatus, string> = {
  recorded: 'green', awaitingConfirmation: 'orange', confirmed: 'green', refused: 'red', rejected: 'red', voided: 'default',
  reversed: 'default', refunded: 'purple',
};

/** Correction records are labelled by kind (冲正/退费) in front of the scheme. */
const KIND_PREFIX: Partial<Record<PaymentView['payment']['kind'], string>> = { reversal: 'payments.kindReversal', refund: 'payments.kindRefund' };
/** Label of a kind in front of the scheme: corrections, and 补差 (money taken, so not negative). */
const kindLabel = (kind: PaymentView['payment']['kind']): string | undefined => (kind === 'top_up' ? 'payments.kindTopUp' : KIND_PREFIX[kind]);

/** The person's payments, newest first, with their derived status (已入账 / 待中心确认 / 中心拒收 …). */
export function PersonPayments({ personId }: { readonly personId: string }) {
  const { t, i18n } = useTranslation();
  const data = useData();
  const payments$ = useMemo(() => data.payments.forPerson(personId), [data, personId]);
  const views = useObservable(payments$, NONE);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Table<PaymentView>
      data-testid="detail-payments"
      size="small"
      rowKey={(v) => v.payment.id}
      dataSource={views}
      pagination={views.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('payments.empty') }}
      footer={views.length > 0 ? () => <StatementLinks personId={personId} /> : undefined}
      onRow={(v) => ({ 'data-testid': 'payment-row', 'data-payment-id': v.payment.id, 'data-status': v.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'date', title: t('payments.colDate'), width: 190, render: (_, v) => formatDateTime(v.payment.createdAt, lang) },
        {
          key: 'scheme', title: t('payments.colScheme'),
          render: (_, v) => (v.payment.kind === 'void_receipt' ? t('payments.kindVoid') : `${kindLabel(v.payment.kind) ? `${t(kindLabel(v.payment.kind) ?? '')}：` : ''}${t(`schemes.${v.payment.scheme}`)}`),
        },
        {
          key: 'months', title: t('payments.colMonths'),
          render: (_, v) => (v.payment.fromMonth && v.payment.toMonth ? `${v.payment.fromMonth} ~ ${v.payment.toMonth}` : '—'),
        },
        // Money going back (冲正/退费) is shown negative.
        { key: 'amount', title: t('payments.colAmount'), align: 'right', render: (_, v) => `${KIND_PREFIX[v.payment.kind] ? '-' : ''}${yuanText(v.payment.paidFen)}` },
        {
          key: 'receipt', title: t('payments.colReceipt'),
          render: (_, v) => (KIND_PREFIX[v.payment.kind] ? (
            <Link to={`/payments/${v.payment.id}/receipt`} data-testid="payment-correction-link">{t('payments.openReceipt')}</Link>
          ) : v.payment.receiptNo === null ? '—' : (
            <Link to={`/payments/${v.payment.id}/receipt`} data-testid="payment-receipt-link">{v.payment.receiptNo}</Link>
          )),
        },
        {
          key: 'status', title: t('payments.colStatus'),
          render: (_, v) => {
            const tag = <Tag color={STATUS_COLOR[v.status]} data-testid="payment-status" data-status={v.status}>{t(`payments.status.${v.status}`)}</Tag>;
            return v.rejection ? <Tooltip title={translateCode(t, v.rejection.code, v.rejection.params)}>{tag}</Tooltip> : tag;
          },
        },
      ]}
    />
  );
}
