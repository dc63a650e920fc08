import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueStatus } from '../../../shared/policy/pack-schema';
import type { PackDetail } from '../../data/contract';
import { useData } from '../../data/data-context';
import { currentLanguage } from '../../i18n/i18n';
import { packValueRows, type PackValueRow } from './pack-values';

export const STATUS_COLORS: Record<ValueStatus, string> = { official: 'green', agreed: 'blue', local: 'purple', unconfirmed: 'orange' };

type Loaded = { readonly id: string; readonly detail: PackDetail | null };

/** Read-only detail of one verified pack: every value with its figure, source and status. */
export function PackDetailDrawer({ packId, onClose }: { packId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const data = useData();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (packId === null) return;
    let live = true;
    void data.policy.get(packId).then((detail) => {
      if (live) setLoaded({ id: packId, detail });
    });
    return () => {
      live = false;
    };
  }, [data, packId]);

  const detail = loaded?.id === packId ? loaded.detail : null;
  const rows = detail ? packValueRows(detail.pack, t, lang) : [];
  return (
    <Drawer
      open={packId !== null}
      onClose={onClose}
      size="large"
      title={detail ? t('packs.detailTitle', { region: detail.summary.regionName, version: detail.summary.version }) : t('common.loading')}
      data-testid="pack-detail"
    >
      {detail && detail.summary.statusCounts.unconfirmed > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('packs.unconfirmedWarning', { count: detail.summary.statusCounts.unconfirmed })} />
      ) : null}
      {detail?.pack.notes ? <Typography.Paragraph type="secondary">{detail.pack.notes}</Typography.Paragraph> : null}
      <Table<PackValueRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ 'data-testid': 'pack-value-row', 'data-key': r.key, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'label', title: t('packs.colItem'), width: 150, render: (_, r) => r.label },
          {
            key: 'value',
            title: t('packs.colValue'),
            render: (_, r) => (
              <span data-testid="pack-value">
                {r.lines.map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </span>
            ),
          },
          {
            key: 'source',
            title: t('packs.colSource'),
            width: 260,
            render: (_, r) => (
              <>
                <div>{r.source.title}</div>
                {r.source.doc ? <Typography.Text type="secondary">{r.source.doc}</Typography.Text> : null}
                {r.source.url ? (
                  <div>
                    <Typography.Link href={r.source.url} target="_blank" rel="noreferrer">
                      {t('packs.sourceLink')}
                    </Typography.Link>
                  </div>
                ) : null}
              </>
            ),
          },
          {
            key: 'status',
            title: t('packs.colStatus'),
            width: 200,
            render: (_, r) => (
              <>
                <Tag color={STATUS_COLORS[r.status]} data-testid="pack-value-status" data-status={r.status}>
                  {t(`packs.status.${r.status}`)}
                </Tag>
                {r.note ? (
                  <Typography.Paragraph type={r.status === 'unconfirmed' ? 'warning' : 'secondary'} style={{ margin: '4px 0 0', fontSize: 12 }}>
                    {r.note}
                  </Typography.Paragraph>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
