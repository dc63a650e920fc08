import { Card, List, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { DueFollowUp } from '../../data/lapse-contract';

const NONE: DueFollowUp[] = [];

/** 今日待回访: follow-ups due today or overdue; a click opens the contact log for the person. */
export function DueFollowUps({ onOpen }: { readonly onOpen: (person: { personId: string; name: string }) => void }) {
  const { t } = useTranslation();
  const data = useData();
  const due$ = useMemo(() => data.lapses.dueFollowUps(), [data]);
  const due = useObservable(due$, NONE);
  return (
    <Card size="small" className="no-print" title={<span data-testid="lapse-due-title" data-count={due.length}>{t('lapse.due.title', { count: due.length })}</span>}>
      <List
        size="small"
        dataSource={due}
        locale={{ emptyText: <span data-testid="lapse-due-empty">{t('lapse.due.empty')}</span> }}
        renderItem={(d) => (
          <List.Item
            data-testid="lapse-due-row"
            data-person-id={d.contact.personId}
            style={{ cursor: 'pointer' }}
            onClick={() => { onOpen({ personId: d.contact.personId, name: d.name }); }}
          >
            <Space wrap>
              <Typography.Text strong>{d.name}</Typography.Text>
              <span>{d.phone}</span>
              <span>{t('lapse.contact.followUpOn', { date: d.contact.followUpDate ?? '' })}</span>
              {d.overdue ? <Tag color="red">{t('lapse.due.overdue')}</Tag> : <Tag color="blue">{t('lapse.due.today')}</Tag>}
              <span>{t(`lapse.outcome.${d.contact.outcome}`)}</span>
              {d.contact.note ? <Typography.Text type="secondary">{d.contact.note}</Typography.Text> : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
