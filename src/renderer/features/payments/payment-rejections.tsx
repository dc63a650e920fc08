import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import type { PaymentRejection } from '../../data/contract';
import { useData } from '../../data/data-context';
import { currentLanguage, translateCode } from '../../i18n/i18n';
import { yuanText } from './payment-format';

const NONE: PaymentRejection[] = [];

/** For the sync page: payments the centre refused (with the reason) or holds differently (our version kept). */
export function PaymentRejections() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const rejections = useObservable(data.payments.rejections$, NONE);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Card size="small" title={t('payments.rejectionsTitle', { count: rejections.length })}>
      <Typography.Paragraph type="secondary">{t('payments.rejectionsIntro')}</Typography.Paragraph>
      {rejections.length === 0 ? (
        <Empty data-testid="payment-rejections-empty" description={t('payments.rejectionsEmpty')} />
      ) : (
        <Table<PaymentRejection>
          size="small"
          rowKey={(r) => `${r.paymentId}|${r.reason}`}
          dataSource={rejections}
          pagination={rejections.length > 20 ? { pageSize: 20 } : false}
          onRow={(r) => ({ 'data-testid': 'payment-rejection-row', 'data-payment-id': r.paymentId, 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'person', title: t('payments.colRejected'), width: 200, render: (_, r) => <Link to={`/persons/${r.local.personId}`}>{r.local.receiptNo ?? r.paymentId}</Link> },
            { key: 'scheme', title: t('payments.colScheme'), render: (_, r) => t(`schemes.${r.local.scheme}`) },
            { key: 'amount', title: t('payments.colAmount'), align: 'right', render: (_, r) => yuanText(r.local.paidFen) },
            { key: 'code', title: t('payments.colCode'), render: (_, r) => <><Tag color="red">{t(`payments.status.${r.reason === 'refused' ? 'refused' : 'rejected'}`)}</Tag>{translateCode(t, r.code, r.params)}</> },
            { key: 'at', title: t('payments.colAt'), width: 190, render: (_, r) => formatDateTime(r.at, lang) },
          ]}
        />
      )}
    </Card>
  );
}
