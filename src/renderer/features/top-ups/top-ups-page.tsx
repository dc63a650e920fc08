import { Alert, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { monthRanges } from '../../../shared/contributions/statement';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { TopUpSort, TopUpWorkItem } from '../../data/top-up-contract';
import { maskIdNumber, yuanText } from '../payments/payment-format';

const LOADING: TopUpWorkItem[] = [];

/** '2025-01~2025-03、2025-05': the owed months as runs. */
export function monthsText(months: readonly string[]): string {
  return monthRanges(months)
    .map((r) => (r.months === 1 ? r.from : `${r.from}~${r.to}`))
    .join('、');
}

/** #/top-ups (补差): everyone who owes after a late pack; a click opens the person's 补差. */
export function TopUpsPage() {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useNavigate();
  const [sort, setSort] = useState<TopUpSort>('amount');
  const list$ = useMemo(() => data.topUps.worklist(sort), [data, sort]);
  const rows = useObservable(list$, LOADING);
  const total = rows.reduce((s, r) => s + r.totalFen, 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="topups-title">
        {t('topUps.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('topUps.intro')} />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Typography.Text type="secondary">{t('topUps.sortLabel')}</Typography.Text>
          <Segmented<TopUpSort>
            data-testid="topups-sort"
            value={sort}
            onChange={setSort}
            options={[
              { value: 'amount', label: <span data-testid="topups-sort-amount">{t('topUps.sortAmount')}</span> },
              { value: 'name', label: <span data-testid="topups-sort-name">{t('topUps.sortName')}</span> },
            ]}
          />
        </Space>
        <Typography.Text data-testid="topups-count" data-count={rows.length} data-total-fen={total}>
          {t('topUps.count', { count: rows.length, amount: yuanText(total) })}
        </Typography.Text>
      </Space>
      <Table<TopUpWorkItem>
        data-testid="topups-table"
        size="small"
        rowKey="personId"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <span data-testid="topups-empty">{t('topUps.empty')}</span> }}
        onRow={(r) =>
          ({
            'data-testid': 'topups-row', 'data-person-id': r.personId, 'data-total-fen': r.totalFen, style: { cursor: 'pointer' },
            onClick: () => void navigate(`/persons/${r.personId}/top-up`),
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { key: 'name', title: t('topUps.colName'), render: (_, r) => <span data-testid="topups-row-name">{r.name ?? t('topUps.unknownPerson')}</span> },
          { key: 'id', title: t('topUps.colIdNumber'), render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{r.idNumber ? maskIdNumber(r.idNumber) : '—'}</span> },
          { key: 'schemes', title: t('topUps.colSchemes'), render: (_, r) => r.schemes.map((s) => t(`schemes.${s}`)).join('、') },
          { key: 'months', title: t('topUps.colMonths'), render: (_, r) => <span data-testid="topups-row-months">{monthsText(r.months)}</span> },
          {
            key: 'amount', title: t('topUps.colAmount'), align: 'right',
            render: (_, r) => <span data-testid="topups-row-amount">{yuanText(r.totalFen)}</span>,
          },
        ]}
      />
    </Space>
  );
}
