import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Conflict } from '../../../shared/conflict';
import { formatDateTime } from '../../app/format';
import { INITIAL_SYNC_STATUS } from '../../app/status-bar';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { currentLanguage, translateCode } from '../../i18n/i18n';
import { loadRegionTree, loadTowns } from '../../regions/region-client';
import { PaymentRejections } from '../payments/payment-rejections';
import { conflictValueText } from './conflict-value';
import { ResolvedConflicts } from './resolved-conflicts';

const NO_CONFLICTS: Conflict[] = [];

/** 同步与冲突: the sync state in detail, and the clashes the server's merge recorded for review. */
export function SyncPage() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const status = useObservable(data.sync.status$, INITIAL_SYNC_STATUS);
  const conflicts$ = useMemo(() => data.conflicts.observeOpen(), [data]);
  const conflicts = useObservable(conflicts$, NO_CONFLICTS);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();

  // Region names for address values (towns per county involved).
  const [, setRegionsReady] = useState(0);
  useEffect(() => {
    let live = true;
    const counties = conflicts.flatMap((c) =>
      c.fields.flatMap((f) => (f.field === 'address' ? [f.local, f.server] : [])).map((a) => (a as { countyCode?: unknown } | null)?.countyCode),
    );
    void Promise.all([loadRegionTree(), ...counties.filter((x): x is string => typeof x === 'string').map(loadTowns)])
      .then(() => {
        if (live) setRegionsReady((n) => n + 1);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [conflicts]);

  useEffect(() => {
    let live = true;
    const ids = [...new Set(conflicts.map((c) => c.entityId))];
    if (ids.length === 0) return;
    void data.persons.getMany(ids).then((persons) => {
      if (live) setNames(new Map(persons.map((p) => [p.id, p.name])));
    });
    return () => {
      live = false;
    };
  }, [data, conflicts]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('sync.title')}
      </Typography.Title>
      <Card size="small" title={t('sync.statusTitle')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('sync.state')}>
            <Tag data-testid="sync-state" data-state={status.state} color={status.state === 'error' ? 'red' : status.state === 'syncing' ? 'blue' : 'default'}>
              {t(`sync.states.${status.state}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.network')}>{status.online ? t('status.online') : t('status.offline')}</Descriptions.Item>
          <Descriptions.Item label={t('sync.pending')}>
            <span data-testid="sync-pending">{status.pending}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.lastSync')}>{formatDateTime(status.lastSyncAt, lang) ?? t('status.neverSynced')}</Descriptions.Item>
          {status.errorCode ? (
            <Descriptions.Item label={t('sync.lastError')} span={{ xs: 1, md: 2 }}>
              <Typography.Text type="danger" data-testid="sync-error">
                {translateCode(t, status.errorCode)}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('sync.conflictsTitle', { count: conflicts.length })}>
        <Typography.Paragraph type="secondary">{t('conflictReview.listIntro')}</Typography.Paragraph>
        {conflicts.length === 0 ? (
          <Empty data-testid="conflicts-empty" description={t('sync.noConflicts')} />
        ) : (
          <Table<Conflict>
            size="small"
            rowKey="id"
            dataSource={conflicts}
            pagination={conflicts.length > 20 ? { pageSize: 20 } : false}
            onRow={(c) => ({ 'data-testid': 'conflicts-row', 'data-person-id': c.entityId }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'person',
                title: t('sync.colPerson'),
                width: 160,
                render: (_, c) => <Link to={`/persons/${c.entityId}`}>{names.get(c.entityId) ?? c.entityId}</Link>,
              },
              {
                key: 'fields',
                title: t('sync.colFields'),
                render: (_, c) => (
                  <Space orientation="vertical" size={2}>
                    {c.fields.map((f) => (
                      <span key={f.field} data-testid="conflict-field" data-field={f.field}>
                        <Tag>{t(`fields.${f.field}`)}</Tag>
                        {t('sync.localVsServer', {
                          local: conflictValueText(t, f.field, f.local),
                          server: conflictValueText(t, f.field, f.server),
                        })}
                      </span>
                    ))}
                  </Space>
                ),
              },
              { key: 'at', title: t('sync.colAt'), width: 200, render: (_, c) => formatDateTime(c.createdAt, lang) },
              {
                key: 'review',
                width: 90,
                render: (_, c) => (
                  <Link to={`/conflicts/${c.id}`} data-testid="conflicts-review-link">
                    {t('conflictReview.review')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
      <ResolvedConflicts />
      <PaymentRejections />
    </Space>
  );
}
