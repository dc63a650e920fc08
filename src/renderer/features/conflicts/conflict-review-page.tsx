import { App, Button, Card, Descriptions, Empty, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Conflict, ConflictChoice } from '../../../shared/conflict';
import { TYPABLE_FIELDS } from '../../../shared/conflict-resolution';
import type { PersonMergeField } from '../../../shared/person';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { currentLanguage } from '../../i18n/i18n';
import { conflictValueText } from './conflict-value';

type Clash = Conflict['fields'][number];
interface Pick {
  readonly choice: ConflictChoice;
  readonly typed: string;
}

/** The typed box starts from the value the server kept, so a small correction is a small edit. */
const startText = (clash: Clash): string => (typeof clash.server === 'string' ? clash.server : '');

/**
 * 冲突核对 (issue 5 §4): one conflict side by side — the value before both
 * edits, the value of the station whose change lost, the value the server
 * kept — and per field a choice. Resolving writes the person and marks the
 * conflict resolved (ADR 019); once resolved the page shows who chose what.
 */
export function ConflictReviewPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const data = useData();
  const { id = '' } = useParams();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const conflict$ = useMemo(() => data.conflictReview.observe(id), [data, id]);
  const conflict = useObservable<Conflict | null | undefined>(conflict$, undefined);
  const [name, setName] = useState<string | null>(null);
  const [picks, setPicks] = useState<ReadonlyMap<PersonMergeField, Pick>>(new Map());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    if (!conflict) return;
    void data.persons.get(conflict.entityId).then((p) => {
      if (live) setName(p?.name ?? null);
    });
    return () => {
      live = false;
    };
  }, [data, conflict]);

  if (conflict === undefined) return null;
  if (conflict === null) return <Empty data-testid="conflict-review-missing" description={t('conflictReview.notFound')} />;

  const resolved = conflict.status === 'resolved' ? conflict.resolution : undefined;
  const pickOf = (clash: Clash): Pick => picks.get(clash.field) ?? { choice: 'server', typed: startText(clash) };
  const setPick = (field: PersonMergeField, pick: Pick): void => {
    setPicks((old) => new Map(old).set(field, pick));
  };
  // active and deactivation move together (merge.ts): choosing one side for either chooses it for both.
  const choose = (clash: Clash, choice: ConflictChoice): void => {
    const pair = clash.field === 'active' || clash.field === 'deactivation';
    for (const c of conflict.fields) {
      if (c.field === clash.field || (pair && (c.field === 'active' || c.field === 'deactivation'))) setPick(c.field, { ...pickOf(c), choice });
    }
  };
  const value = (field: PersonMergeField, v: unknown): string => conflictValueText(t, field, v);

  const resolve = async (): Promise<void> => {
    setBusy(true);
    try {
      await data.conflictReview.resolve(
        conflict.id,
        conflict.fields.map((c) => {
          const p = pickOf(c);
          return p.choice === 'typed' ? { field: c.field, choice: p.choice, typed: p.typed } : { field: c.field, choice: p.choice };
        }),
      );
      void message.success(t('conflictReview.resolvedMessage'));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }} data-testid="conflict-review-page" data-status={conflict.status}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('conflictReview.title', { name: name ?? conflict.entityId })}
      </Typography.Title>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('conflictReview.person')}>
            <Link to={`/persons/${conflict.entityId}`}>{name ?? conflict.entityId}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('conflictReview.foundAt')}>{formatDateTime(conflict.createdAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('conflictReview.state')}>
            {resolved ? (
              <Tag color="green" data-testid="conflict-resolved" data-by={resolved.by.id}>
                {t('conflictReview.resolvedBy', { name: resolved.by.name, time: formatDateTime(resolved.at, lang) })}
              </Tag>
            ) : (
              <Tag color="orange">{t('conflictReview.open')}</Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('conflictReview.intro')}
        </Typography.Paragraph>
      </Card>
      <Table<Clash>
        size="small"
        rowKey="field"
        dataSource={conflict.fields}
        pagination={false}
        onRow={(c) => ({ 'data-testid': 'conflict-review-row', 'data-field': c.field }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'field', title: t('conflictReview.colField'), width: 110, render: (_, c) => t(`fields.${c.field}`) },
          { key: 'base', title: t('conflictReview.colBase'), render: (_, c) => value(c.field, c.base) },
          { key: 'local', title: t('conflictReview.colLocal'), render: (_, c) => value(c.field, c.local) },
          { key: 'server', title: t('conflictReview.colServer'), render: (_, c) => value(c.field, c.server) },
          resolved
            ? {
                key: 'chosen',
                title: t('conflictReview.colChosen'),
                render: (_, c) => {
                  const f = resolved.fields.find((x) => x.field === c.field);
                  return f ? (
                    <span data-testid="conflict-chosen" data-field={c.field} data-choice={f.choice}>
                      <Tag>{t(`conflictReview.choice.${f.choice}`)}</Tag>
                      {value(c.field, f.value)}
                    </span>
                  ) : null;
                },
              }
            : {
                key: 'choice',
                title: t('conflictReview.colChoice'),
                width: 330,
                render: (_, c) => {
                  const p = pickOf(c);
                  const choices: ConflictChoice[] = TYPABLE_FIELDS.has(c.field) ? ['server', 'local', 'typed'] : ['server', 'local'];
                  return (
                    <Space orientation="vertical" size={4}>
                      <Radio.Group
                        size="small"
                        optionType="button"
                        value={p.choice}
                        onChange={(e) => {
                          choose(c, e.target.value as ConflictChoice);
                        }}
                        options={choices.map((x) => ({ value: x, label: t(`conflictReview.choice.${x}`) }))}
                      />
                      {p.choice === 'typed' ? (
                        <Input
                          size="small"
                          data-testid="conflict-typed"
                          data-field={c.field}
                          aria-label={t('conflictReview.typedLabel', { field: t(`fields.${c.field}`) })}
                          value={p.typed}
                          onChange={(e) => {
                            setPick(c.field, { choice: 'typed', typed: e.target.value });
                          }}
                        />
                      ) : null}
                    </Space>
                  );
                },
              },
        ]}
      />
      <Space>
        {resolved ? null : (
          <Button
            type="primary"
            data-testid="conflict-resolve"
            loading={busy}
            onClick={() => {
              void resolve();
            }}
          >
            {t('conflictReview.resolve')}
          </Button>
        )}
        <Link to="/sync">{t('conflictReview.back')}</Link>
      </Space>
    </Space>
  );
}
