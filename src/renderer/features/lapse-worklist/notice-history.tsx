import { List, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { NoticeView } from '../../data/notice-contract';

const NONE: NoticeView[] = [];

/** The reminder notices a person was sent (ADR 017), beside their contact history. */
export function NoticeHistory({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const notices = useObservable(useMemo(() => data.notices.forPerson(personId), [data, personId]), NONE);
  return (
    <>
      <Typography.Text type="secondary" data-testid="notice-history-title" data-count={notices.length}>
        {t('resumption.notices.history', { count: notices.length })}
      </Typography.Text>
      <List
        size="small"
        dataSource={notices}
        locale={{ emptyText: t('resumption.notices.none') }}
        renderItem={(v) => (
          <List.Item data-testid="notice-history-row">
            <Space wrap>
              <span>{v.record.createdAt.slice(0, 10)}</span>
              <Tag>{t('resumption.notices.kind')}</Tag>
              <span>{v.record.schemes.map((s) => t(`schemes.${s}`)).join('、')}</span>
              <span>{t('resumption.notices.gap', { since: v.record.since, count: v.record.monthsUnpaid })}</span>
              <Typography.Text type="secondary">{v.staffName}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
