import { Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentLine } from '../../../shared/payment';
import type { PaymentPreview } from '../../data/contract';
import { rateText, yuanText } from './payment-format';

/** The computed line items (one per run of months under one pack), amounts in yuan from fen. */
export function PaymentLines({ preview }: { readonly preview: PaymentPreview }) {
  const { t } = useTranslation();
  const money = (key: keyof PaymentLine, title: string) => ({
    key, title, align: 'right' as const,
    render: (_: unknown, l: PaymentLine) => yuanText(l[key] as number),
  });
  return (
    <Table<PaymentLine>
      data-testid="pay-lines"
      size="small"
      rowKey={(l) => `${l.packVersion}:${l.fromMonth}`}
      pagination={false}
      dataSource={[...preview.lines]}
      onRow={(l) => ({ 'data-testid': 'pay-line', 'data-pack-version': l.packVersion }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'months', title: t('payments.colMonths'), render: (_, l) => t('payments.monthsText', { from: l.fromMonth, to: l.toMonth, count: l.months }) },
        { key: 'pack', title: t('payments.colPack'), dataIndex: 'packVersion' },
        { key: 'base', title: t('payments.colBase'), align: 'right', render: (_, l) => (l.gradeId !== null ? l.gradeId : yuanText(l.baseFen)) },
        { key: 'rate', title: t('payments.colRate'), align: 'right', render: (_, l) => rateText(l.rate) },
        money('personalAccountFen', t('payments.colPersonal')),
        money('pooledFen', t('payments.colPooled')),
        money('subsidyFen', t('payments.colSubsidy')),
        money('personFen', t('payments.colPerson')),
        money('dueNowFen', t('payments.colDueNow')),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={8}>
            <Typography.Text strong>{t('payments.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong data-testid="pay-due-total" data-fen={preview.paidFen}>
              {yuanText(preview.paidFen)}
            </Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
