import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatFen } from '../../../shared/money/fen';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { PersonTransfers, TransferRow, TransferStatus } from '../../data/transfer-in-contract';
import { translateCode } from '../../i18n/i18n';
import { DecisionModal, type DecisionTarget } from './decision-modal';
import { DeemedModal } from './deemed-modal';

const STATUS_COLOR: Record<TransferStatus, string> = { in_transit: 'gold', confirmed: 'green', rejected: 'red' };

/**
 * 转移接续 on the person page: every transfer-in with its status and amounts, confirm / reject for
 * those in transit, and the stored deemed years and transferred months the options screen uses.
 */
export function TransferCard({ personId, onChanged }: { readonly personId: string; readonly onChanged?: () => void }) {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useNavigate();
  const view$ = useMemo(() => data.transfers.forPerson(personId), [data, personId]);
  const view = useObservable<PersonTransfers | null>(view$, null);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const [editingDeemed, setEditingDeemed] = useState(false);
  const stored = view?.stored;

  return (
    <Card
      size="small"
      title={t('transferIn.cardTitle')}
      data-testid="transfer-card"
      extra={
        <Space>
          <Button size="small" data-testid="transfer-set-deemed" disabled={view === null} onClick={() => { setEditingDeemed(true); }}>{t('transferIn.setDeemed')}</Button>
          <Button size="small" type="primary" data-testid="transfer-record" onClick={() => { void navigate(`/persons/${personId}/transfer-in`); }}>{t('transferIn.record')}</Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {stored ? (
          <Space wrap data-testid="transfer-stored" data-deemed={stored.deemedMonths} data-transferred={stored.transferredMonths}>
            <Typography.Text>
              {t('transferIn.deemedLine', { years: Math.floor(stored.deemedMonths / 12), months: stored.deemedMonths % 12 })}
              {t(`transferIn.deemedFrom.${stored.deemedFrom}`)}
            </Typography.Text>
            {stored.transferredMonths > 0 || stored.transferredAccountFen > 0 ? (
              <Typography.Text>{t('transferIn.transferredLine', { months: stored.transferredMonths, account: formatFen(stored.transferredAccountFen) })}</Typography.Text>
            ) : null}
          </Space>
        ) : null}
        <Table<TransferRow>
          size="small"
          rowKey={(r) => r.transfer.id}
          loading={view === null}
          pagination={false}
          dataSource={view ? [...view.transfers] : []}
          locale={{ emptyText: t('transferIn.empty') }}
          onRow={(r) => ({ 'data-testid': 'transfer-row', 'data-status': r.status, 'data-scheme': r.transfer.scheme }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'scheme', title: t('transferIn.colScheme'), render: (_, r) => t(`schemes.${r.transfer.scheme}`) },
            {
              key: 'from', title: t('transferIn.colFrom'),
              render: (_, r) => [r.transfer.fromRegionCode, r.transfer.fromInstitution].filter(Boolean).join(' '),
            },
            { key: 'span', title: t('transferIn.colSpan'), render: (_, r) => t('transferIn.spanText', { from: r.transfer.fromMonth, to: r.transfer.toMonth }) },
            { key: 'months', title: t('transferIn.colMonths'), render: (_, r) => t('transferIn.monthsText', { paid: r.transfer.monthsPaid, deemed: r.transfer.deemedMonths }) },
            { key: 'account', title: t('transferIn.colAccount'), align: 'right', render: (_, r) => formatFen(r.transfer.personalAccountFen) },
            { key: 'pooled', title: t('transferIn.colPooled'), align: 'right', render: (_, r) => formatFen(r.transfer.pooledFundFen) },
            {
              key: 'status', title: t('transferIn.colStatus'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOR[r.status]} data-testid="transfer-status" data-status={r.status}>{t(`transferIn.status.${r.status}`)}</Tag>
                  {r.decision ? (
                    <Typography.Text type="secondary">
                      {t('transferIn.decidedBy', { name: r.decidedBy ?? '', date: r.decision.createdAt.slice(0, 10) })}
                      {r.decision.reason ? ` · ${r.decision.reason}` : ''}
                    </Typography.Text>
                  ) : null}
                  {r.laterDecisions.map((d) => (
                    <Tooltip key={d.id} title={t('transferIn.laterDecision', { status: t(`transferIn.status.${d.status}`) })}>
                      <Tag color="red" data-testid="transfer-later-decision">{t(`transferIn.status.${d.status}`)}</Tag>
                    </Tooltip>
                  ))}
                  {r.refusal ? <Tag color="red" data-testid="transfer-refused">{t('transferIn.refused', { reason: translateCode(t, r.refusal) })}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'actions', title: t('transferIn.colActions'),
              render: (_, r) =>
                r.status === 'in_transit' ? (
                  <Space size={4}>
                    <Button size="small" type="primary" data-testid="transfer-confirm"
                      onClick={() => { setDeciding({ personId, transferId: r.transfer.id, outcome: 'confirmed' }); }}>{t('transferIn.confirm')}</Button>
                    <Button size="small" danger data-testid="transfer-reject"
                      onClick={() => { setDeciding({ personId, transferId: r.transfer.id, outcome: 'rejected' }); }}>{t('transferIn.reject')}</Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Space>
      {deciding ? <DecisionModal target={deciding} onClose={() => { setDeciding(null); }} onDone={onChanged} /> : null}
      {editingDeemed && stored ? <DeemedModal personId={personId} current={stored.deemedMonths} onClose={() => { setEditingDeemed(false); }} /> : null}
    </Card>
  );
}
