import { Card, Empty, Table, Tag } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Conflict } from '../../../shared/conflict';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { currentLanguage } from '../../i18n/i18n';

const NONE: Conflict[] = [];
const SHOWN = 50;

/** The most recently resolved conflicts: who resolved each, when, at which station's device (ADR 019). */
export function ResolvedConflicts() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const resolved$ = useMemo(() => data.conflictReview.observeResolved(SHOWN), [data]);
  const resolved = useObservable(resolved$, NONE);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    const ids = [...new Set(resolved.map((c) => c.entityId))];
    if (ids.length === 0) return;
    void data.persons.getMany(ids).then((persons) => {
      if (live) setNames(new Map(persons.map((p) => [p.id, p.name])));
    });
    return () => {
      live = false;
    };
  }, [data, resolved]);
  return (
    <Card size="small" title={t('conflictReview.resolvedTitle')}>
      {resolved.length === 0 ? (
        <Empty data-testid="conflicts-resolved-empty" description={t('conflictReview.noResolved')} />
      ) : (
        <Table<Conflict>
          size="small"
          rowKey="id"
          dataSource={resolved}
          pagination={false}
          onRow={(c) => ({ 'data-testid': 'conflicts-resolved-row', 'data-person-id': c.entityId, 'data-by': c.resolution?.by.id ?? '' }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'person',
              title: t('sync.colPerson'),
              width: 160,
              render: (_, c) => <Link to={`/conflicts/${c.id}`}>{names.get(c.entityId) ?? c.entityId}</Link>,
            },
            { key: 'fields', title: t('conflictReview.colField'), render: (_, c) => c.fields.map((f) => <Tag key={f.field}>{t(`fields.${f.field}`)}</Tag>) },
            { key: 'by', title: t('conflictReview.colResolvedBy'), width: 140, render: (_, c) => c.resolution?.by.name ?? '' },
            { key: 'at', title: t('conflictReview.colResolvedAt'), width: 200, render: (_, c) => formatDateTime(c.resolution?.at ?? null, lang) },
          ]}
        />
      )}
    </Card>
  );
}
