import { Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/audit';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../i18n/i18n';

/** Who changed what and when, newest first (audit events of this person). */
export function HistoryTable({ events }: { readonly events: readonly AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Table<AuditEvent>
      data-testid="detail-history"
      size="small"
      rowKey="id"
      pagination={events.length > 20 ? { pageSize: 20 } : false}
      dataSource={[...events]}
      onRow={(e) => ({ 'data-testid': 'history-row', 'data-action': e.action }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('detail.noHistory') }}
      columns={[
        { key: 'at', title: t('detail.historyWhen'), width: 200, render: (_, e) => formatDateTime(e.at, lang) },
        { key: 'who', title: t('detail.historyWho'), width: 140, render: (_, e) => e.staffName || e.staffId },
        { key: 'action', title: t('detail.historyAction'), width: 120, render: (_, e) => t(`actions.${e.action}`) },
        {
          key: 'fields',
          title: t('detail.historyFields'),
          render: (_, e) => (
            <span className="history-fields">
              {e.fields.map((f) => (
                <Tag key={f}>{t(`fields.${f}`, { defaultValue: f })}</Tag>
              ))}
            </span>
          ),
        },
      ]}
    />
  );
}
