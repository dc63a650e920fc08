import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUE_STATUSES } from '../../../shared/policy/pack-schema';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import type { PackRefusal, PackSummary } from '../../data/contract';
import { useData } from '../../data/data-context';
import { currentLanguage, translateCode } from '../../i18n/i18n';
import { PackDetailDrawer, STATUS_COLORS } from './pack-detail-drawer';

const NO_PACKS: PackSummary[] = [];
const NO_REFUSALS: PackRefusal[] = [];

/** 政策参数: the verified policy packs this device holds (read-only), and the packs it refused. */
export function PolicyPacksPage() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const packs$ = useMemo(() => data.policy.list(), [data]);
  const packs = useObservable(packs$, NO_PACKS);
  const refusals = useObservable(data.policy.refusals$, NO_REFUSALS);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('packs.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('packs.intro')}
      </Typography.Paragraph>
      <Card size="small" title={t('packs.listTitle', { count: packs.length })}>
        {packs.length === 0 ? (
          <Empty data-testid="packs-empty" description={t('packs.none')} />
        ) : (
          <Table<PackSummary>
            size="small"
            rowKey="id"
            dataSource={packs}
            pagination={false}
            onRow={(p) => ({ 'data-testid': 'packs-row', 'data-pack-id': p.id, onDoubleClick: () => { setOpenId(p.id); } }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'region', title: t('packs.colRegion'), render: (_, p) => `${p.regionName}（${p.regionCode}）` },
              { key: 'version', title: t('packs.colVersion'), width: 90, render: (_, p) => p.version },
              {
                key: 'effective',
                title: t('packs.colEffective'),
                render: (_, p) => (p.effectiveTo ? t('packs.effectiveRange', { from: p.effectiveFrom, to: p.effectiveTo }) : t('packs.effectiveFrom', { from: p.effectiveFrom })),
              },
              { key: 'published', title: t('packs.colPublished'), render: (_, p) => formatDateTime(p.publishedAt, lang) },
              {
                key: 'statuses',
                title: t('packs.colStatuses'),
                render: (_, p) => (
                  <Space size={2} wrap>
                    {VALUE_STATUSES.filter((s) => p.statusCounts[s] > 0).map((s) => (
                      <Tag key={s} color={STATUS_COLORS[s]} data-testid={`packs-count-${s}`} data-count={p.statusCounts[s]}>
                        {t(`packs.status.${s}`)} {p.statusCounts[s]}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              {
                key: 'open',
                title: '',
                width: 80,
                render: (_, p) => (
                  <Button size="small" data-testid="packs-open" onClick={() => { setOpenId(p.id); }}>
                    {t('packs.open')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('packs.refusalsTitle', { count: refusals.length })}>
        {refusals.length === 0 ? (
          <Typography.Text type="secondary" data-testid="pack-refusals-empty">
            {t('packs.noRefusals')}
          </Typography.Text>
        ) : (
          <Table<PackRefusal>
            size="small"
            rowKey={(r) => `${r.id}|${r.code}`}
            dataSource={refusals}
            pagination={false}
            onRow={(r) => ({ 'data-testid': 'pack-refusal-row', 'data-pack-id': r.id, 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'id', title: t('packs.colPack'), width: 160, render: (_, r) => r.id },
              { key: 'message', title: t('packs.colReason'), render: (_, r) => <Typography.Text type="danger">{translateCode(t, r.code, r.params)}</Typography.Text> },
              { key: 'at', title: t('packs.colRefusedAt'), width: 200, render: (_, r) => formatDateTime(r.at, lang) },
            ]}
          />
        )}
      </Card>
      <PackDetailDrawer packId={openId} onClose={() => { setOpenId(null); }} />
    </Space>
  );
}
