import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchemeEnrolment, SchemeStatus } from '../../../shared/enrolment-status';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import type { EnrolmentHistoryRow, PersonEnrolments } from '../../data/enrolment-contract';
import { useData } from '../../data/data-context';
import { currentLanguage, translateCode } from '../../i18n/i18n';
import { EnrolmentChangeModal, type EnrolmentChangeTarget } from './enrolment-change-modal';

const STATUS_COLOR: Record<SchemeStatus, string> = {
  active: 'green', lapsed: 'orange', suspended: 'gold', transferred_out: 'blue', closed: 'default', none: 'default',
};

/**
 * 参保状态 on the person page: per scheme the status in force and since when,
 * 参保登记 / 变更状态, and the history. `onChanged` runs after a change is
 * stored (the page reloads its audit history, which the change appended to).
 */
export function EnrolmentCard({ personId, onChanged }: { readonly personId: string; readonly onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const data = useData();
  const enrolments$ = useMemo(() => data.enrolments.forPerson(personId), [data, personId]);
  const view = useObservable<PersonEnrolments | null>(enrolments$, null);
  const [target, setTarget] = useState<EnrolmentChangeTarget | null>(null);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const month = view?.month ?? '';

  const open = (v: SchemeEnrolment): void => {
    setTarget({ personId, view: v, month });
  };

  return (
    <Card size="small" title={t('enrolments.title')} data-testid="enrolment-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<SchemeEnrolment>
          data-testid="enrolment-schemes"
          size="small"
          rowKey="scheme"
          loading={view === null}
          pagination={false}
          dataSource={view ? [...view.schemes] : []}
          onRow={(v) => ({ 'data-testid': 'enrolment-row', 'data-scheme': v.scheme, 'data-status': v.status }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'scheme', title: t('enrolments.colScheme'), render: (_, v) => t(`schemes.${v.scheme}`) },
            {
              key: 'status', title: t('enrolments.colStatus'),
              render: (_, v) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOR[v.status]} data-testid="enrolment-status" data-status={v.status}>{t(`enrolments.status.${v.status}`)}</Tag>
                  {v.exclusiveWith ? (
                    <Tooltip title={t('enrolments.exclusiveClash', { other: t(`schemes.${v.exclusiveWith}`) })}>
                      <Tag color="red" data-testid="enrolment-clash">{t('enrolments.clash')}</Tag>
                    </Tooltip>
                  ) : null}
                  {v.scheduled.map((r) => (
                    <Tag key={r.id} data-testid="enrolment-scheduled">{t('enrolments.scheduled', { status: t(`enrolments.status.${r.status}`), month: r.effectiveMonth })}</Tag>
                  ))}
                </Space>
              ),
            },
            { key: 'since', title: t('enrolments.colSince'), render: (_, v) => <span data-testid="enrolment-since">{v.since ?? t('common.none')}</span> },
            {
              key: 'actions', title: t('enrolments.colActions'), width: 140,
              render: (_, v) =>
                v.status === 'none' ? (
                  <Button size="small" type="primary" data-testid="enrolment-enrol" disabled={view === null} onClick={() => { open(v); }}>
                    {t('enrolments.enrol')}
                  </Button>
                ) : v.status === 'closed' ? null : (
                  <Button size="small" data-testid="enrolment-change" disabled={view === null} onClick={() => { open(v); }}>
                    {t('enrolments.change')}
                  </Button>
                ),
            },
          ]}
        />
        <div>
          <Typography.Text strong>{t('enrolments.historyTitle')}</Typography.Text>
          <Table<EnrolmentHistoryRow>
            data-testid="enrolment-history"
            size="small"
            rowKey={(h) => h.record.id}
            pagination={(view?.history.length ?? 0) > 10 ? { pageSize: 10 } : false}
            dataSource={view ? [...view.history] : []}
            locale={{ emptyText: t('enrolments.noHistory') }}
            onRow={(h) => ({ 'data-testid': 'enrolment-history-row', 'data-scheme': h.record.scheme, 'data-status': h.record.status }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'scheme', title: t('enrolments.colScheme'), render: (_, h) => t(`schemes.${h.record.scheme}`) },
              {
                key: 'status', title: t('enrolments.colStatus'),
                render: (_, h) => {
                  const tag = <Tag color={STATUS_COLOR[h.record.status]}>{t(`enrolments.status.${h.record.status}`)}</Tag>;
                  return h.refusal ? (
                    <Space size={4}>
                      {tag}
                      <Tooltip title={translateCode(t, h.refusal)}><Tag color="red" data-testid="enrolment-refused">{t('enrolments.refused')}</Tag></Tooltip>
                    </Space>
                  ) : tag;
                },
              },
              { key: 'from', title: t('enrolments.colFrom'), render: (_, h) => h.record.effectiveMonth },
              { key: 'reason', title: t('enrolments.colReason'), render: (_, h) => <span data-testid="enrolment-history-reason">{h.record.reason ?? t('common.none')}</span> },
              { key: 'staff', title: t('enrolments.colStaff'), render: (_, h) => h.staffName },
              { key: 'station', title: t('enrolments.colStation'), render: (_, h) => h.stationName ?? h.record.stationId },
              { key: 'at', title: t('enrolments.colAt'), render: (_, h) => formatDateTime(h.record.createdAt, lang) },
            ]}
          />
        </div>
      </Space>
      <EnrolmentChangeModal
        target={target}
        onClose={() => {
          setTarget(null);
        }}
        onSaved={() => {
          setTarget(null);
          onChanged?.();
        }}
      />
    </Card>
  );
}
