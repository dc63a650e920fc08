import { EditOutlined, StopOutlined, UndoOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { AuditEvent } from '../../../shared/audit';
import type { Person } from '../../../shared/person';
import { formatDateTime } from '../../app/format';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { currentLanguage } from '../../i18n/i18n';
import { CoverageWarning } from '../corrections/coverage-warning';
import { EnrolmentCard } from '../enrolments/enrolment-card';
import { PersonPayments } from '../payments/person-payments';
import { ageOn } from '../persons/person-format';
import { TopUpBanner } from '../top-ups/top-up-banner';
import { ContactLogCard } from '../transfer-in/contact-log-card';
import { TransferCard } from '../transfer-in/transfer-card';
import { AddressText } from './address-text';
import { DeactivateModal } from './deactivate-modal';
import { HistoryTable } from './history-table';

const LOADING = Symbol('loading');

/** One person: every field (the full ID number here), edit, deactivate/reactivate, change history. */
export function PersonDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const [history, setHistory] = useState<AuditEvent[]>([]);
  const [head, setHead] = useState<Person | null>(null);
  const [deactivating, setDeactivating] = useState(false);
  // Bumped after our own writes: the audit event may land just after the person emits.
  const [historyTick, setHistoryTick] = useState(0);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const updatedAt = person === LOADING || person === null ? null : person.updatedAt;
  const headId = person === LOADING || person === null ? null : (person.household?.headId ?? null);

  // History changes whenever the person does (every write appends an event).
  useEffect(() => {
    let live = true;
    data.persons.history(id).then(
      (events) => {
        if (live) setHistory(events);
      },
      (e: unknown) => {
        if (live) void message.error(errorText(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [data, id, updatedAt, historyTick, message, t]);

  useEffect(() => {
    let live = true;
    if (headId) {
      void data.persons.get(headId).then((p) => {
        if (live) setHead(p);
      });
    }
    return () => {
      live = false;
    };
  }, [data, headId]);

  if (person === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const act = async (run: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await run();
      setHistoryTick((n) => n + 1);
      void message.success(done);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  const dash = t('common.none');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space align="center">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="detail-name">
            {person.name}
          </Typography.Title>
          {person.active ? (
            <Tag color="green" data-testid="detail-status" data-active="true">{t('persons.active')}</Tag>
          ) : (
            <Tag color="red" data-testid="detail-status" data-active="false">{t('persons.inactive')}</Tag>
          )}
        </Space>
        <Space>
          {person.active ? (
            <Button
              type="primary"
              icon={<WalletOutlined />}
              data-testid="detail-take-payment"
              onClick={() => {
                void navigate(`/persons/${person.id}/pay`);
              }}
            >
              {t('detail.takePayment')}
            </Button>
          ) : null}
          {person.active ? (
            <Button
              data-testid="detail-resume"
              onClick={() => {
                void navigate(`/persons/${person.id}/resume`);
              }}
            >
              {t('detail.resume')}
            </Button>
          ) : null}
          <Button
            data-testid="detail-pension-options"
            onClick={() => {
              void navigate(`/persons/${person.id}/options`);
            }}
          >
            {t('detail.pensionOptions')}
          </Button>
          <Button
            icon={<EditOutlined />}
            data-testid="detail-edit"
            onClick={() => {
              void navigate(`/persons/${person.id}/edit`);
            }}
          >
            {t('detail.edit')}
          </Button>
          {person.active ? (
            <Button
              danger
              icon={<StopOutlined />}
              data-testid="detail-deactivate"
              onClick={() => {
                setDeactivating(true);
              }}
            >
              {t('detail.deactivate')}
            </Button>
          ) : (
            <Popconfirm
              title={t('detail.reactivateConfirm')}
              okText={t('detail.reactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() => {
                void act(() => data.persons.reactivate(person.id), t('detail.reactivated'));
              }}
            >
              <Button icon={<UndoOutlined />} data-testid="detail-reactivate">
                {t('detail.reactivate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>

      {!person.active && person.deactivation ? (
        <Alert
          type="warning"
          showIcon
          data-testid="detail-deactivation"
          title={t('detail.deactivatedInfo', {
            reason: person.deactivation.reason,
            at: formatDateTime(person.deactivation.at, lang) ?? '',
          })}
        />
      ) : null}

      <CoverageWarning personId={person.id} />

      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('fields.idType')}>{t(`idTypes.${person.idType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.idNumber')}>
            <Typography.Text copyable data-testid="detail-id-number" style={{ fontFamily: 'monospace' }}>
              {person.idNumber}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.sex')}>{t(`sex.${person.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.birthDate')}>
            {`${person.birthDate} (${t('detail.age', { age: ageOn(person.birthDate) })})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.phone')}>
            <span data-testid="detail-phone">{person.phone || dash}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.hukouType')}>{t(`hukou.${person.hukouType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.address')} span={{ xs: 1, md: 2, xl: 3 }}>
            <AddressText address={person.address} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.household')}>
            {person.household
              ? person.household.relation === 'head' || !person.household.headId
                ? t('relations.head')
                : `${t(`relations.${person.household.relation}`)} · ${head ? head.name : t('common.loading')}`
              : dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.employmentStatus')}>{t(`employment.${person.employmentStatus}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.archiveLocation')}>{person.archiveLocation || dash}</Descriptions.Item>
          <Descriptions.Item label={t('fields.categories')} span={{ xs: 1, md: 2, xl: 3 }}>
            {person.categories.length === 0
              ? dash
              : person.categories.map((c, i) => (
                  <Tag key={`${c.code}-${String(i)}`} color="blue">
                    {`${t(`categories.${c.code}`)} ${c.from} ~ ${c.to ?? t('detail.ongoing')}`}
                  </Tag>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.notes')} span={{ xs: 1, md: 2, xl: 3 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{person.notes || dash}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.createdAt')}>{formatDateTime(person.createdAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.updatedAt')}>{formatDateTime(person.updatedAt, lang)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <TopUpBanner personId={person.id} />

      <EnrolmentCard
        personId={person.id}
        onChanged={() => {
          setHistoryTick((n) => n + 1);
        }}
      />

      <TransferCard
        personId={person.id}
        onChanged={() => {
          setHistoryTick((n) => n + 1);
        }}
      />

      <Card size="small" title={t('detail.paymentsTitle')}>
        <PersonPayments personId={person.id} />
      </Card>

      <ContactLogCard personId={person.id} />

      <Card size="small" title={t('detail.historyTitle')}>
        <HistoryTable events={history} />
      </Card>

      <DeactivateModal
        open={deactivating}
        personName={person.name}
        onCancel={() => {
          setDeactivating(false);
        }}
        onConfirm={async (reason) => {
          await act(() => data.persons.deactivate(person.id, reason), t('detail.deactivated'));
          setDeactivating(false);
        }}
      />
    </Space>
  );
}
