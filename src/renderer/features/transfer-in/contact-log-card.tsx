import { Card, Table, Tag } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { ContactView } from '../../data/lapse-contract';

/** The person's outreach contacts (催缴联系) on the person page, newest first; logging one stays on the worklist. */
export function ContactLogCard({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const contacts$ = useMemo(() => data.lapses.contactsFor(personId), [data, personId]);
  const contacts = useObservable<readonly ContactView[] | null>(contacts$, null);
  return (
    <Card size="small" title={t('transferIn.contactsTitle')} data-testid="contact-log-card">
      <Table<ContactView>
        size="small"
        rowKey={(v) => v.record.id}
        loading={contacts === null}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        dataSource={contacts ? [...contacts] : []}
        locale={{ emptyText: t('transferIn.contactsEmpty') }}
        onRow={(v) => ({ 'data-testid': 'contact-log-row', 'data-outcome': v.record.outcome }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'date', title: t('transferIn.colContactDate'), render: (_, v) => v.record.createdAt.slice(0, 10) },
          { key: 'channel', title: t('transferIn.colChannel'), render: (_, v) => <Tag>{t(`lapse.channel.${v.record.channel}`)}</Tag> },
          { key: 'outcome', title: t('transferIn.colOutcome'), render: (_, v) => t(`lapse.outcome.${v.record.outcome}`) },
          { key: 'note', title: t('transferIn.colNote'), render: (_, v) => v.record.note || t('common.none') },
          { key: 'followUp', title: t('transferIn.colFollowUp'), render: (_, v) => v.record.followUpDate ?? t('common.none') },
          { key: 'staff', title: t('transferIn.colStaff'), render: (_, v) => v.staffName },
        ]}
      />
    </Card>
  );
}
