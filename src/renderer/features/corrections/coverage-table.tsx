import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoverageCaseView } from '../../data/correction-contract';
import { CoverageRecordLine } from './coverage-record';

/** Open or settled double-coverage cases: person, what overlaps, both records (with 退费 on open ones). */
export function CoverageTable({
  cases,
  testId,
  emptyText,
  onRefund,
}: {
  readonly cases: readonly CoverageCaseView[];
  readonly testId: string;
  readonly emptyText: string;
  /** Present for open cases. */
  readonly onRefund?: (paymentId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<CoverageCaseView>
      data-testid={testId}
      size="small"
      rowKey="id"
      dataSource={[...cases]}
      pagination={cases.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: <span data-testid={`${testId}-empty`}>{emptyText}</span> }}
      onRow={(c) => ({ 'data-testid': 'coverage-row', 'data-case-id': c.id, 'data-person-id': c.personId, 'data-settled': String(c.settled) }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'person', title: t('corrections.colPerson'), width: 140,
          render: (_, c) => <Link to={`/persons/${c.personId}`} data-testid="coverage-person">{c.personName ?? c.personId}</Link>,
        },
        {
          key: 'kind', title: t('corrections.colKind'), width: 200,
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <Tag color={c.kind === 'sameScheme' ? 'red' : 'volcano'}>
                {t(c.kind === 'sameScheme' ? 'corrections.kindSameScheme' : 'corrections.kindExclusiveSchemes')}
              </Tag>
              <Typography.Text type="secondary">{c.schemes.map((s) => t(`schemes.${s}`)).join(' / ')}</Typography.Text>
            </Space>
          ),
        },
        {
          key: 'months', title: t('corrections.colMonths'), width: 200,
          render: (_, c) => (
            <span data-testid="coverage-months" data-months={c.months.join(',')}>
              {t('corrections.monthsText', { from: c.months[0], to: c.months[c.months.length - 1], count: c.months.length })}
            </span>
          ),
        },
        {
          key: 'records', title: t('corrections.colRecords'),
          render: (_, c) => (
            <Space orientation="vertical" size={4}>
              {c.records.map((r) => (
                <CoverageRecordLine
                  key={r.paymentId}
                  record={r}
                  suggested={!c.settled && r.paymentId === c.refundCandidateId}
                  {...(onRefund && !c.settled ? { onRefund: () => { onRefund(r.paymentId); } } : {})}
                />
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
