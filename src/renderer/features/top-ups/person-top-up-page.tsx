import { Alert, App, Button, Card, Result, Select, Space, Spin, Table, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '../../../shared/payment';
import type { Person } from '../../../shared/person';
import { useObservable } from '../../app/use-observable';
import { DataError } from '../../data/contract';
import { useData } from '../../data/data-context';
import type { PersonTopUp, TopUpMonth } from '../../data/top-up-contract';
import { errorText } from '../../i18n/error-text';
import { maskIdNumber, rateText, yuanText } from '../payments/payment-format';

const LOADING = Symbol('loading');

/**
 * #/persons/:id/top-up: what one person owes month by month, and 收取补差,
 * which writes one top_up record (and receipt) per original payment. With
 * one receipt the page goes straight to it; with several it lists them.
 */
export function PersonTopUpPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const owed$ = useMemo(() => data.topUps.forPerson(id), [data, id]);
  const owed = useObservable<PersonTopUp | typeof LOADING>(owed$, LOADING);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [taken, setTaken] = useState<Payment[]>([]);

  if (person === LOADING || owed === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/top-ups">{t('topUps.back')}</Link>} />;

  const take = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const records = await data.topUps.take({ personId: id, method });
      void message.success(t('topUps.taken'));
      const [only] = records;
      if (records.length === 1 && only) void navigate(`/payments/${only.id}/receipt`);
      else setTaken(records);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="topup-title">
          {t('topUps.personTitle', { name: person.name })}
        </Typography.Title>
        <Space>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{maskIdNumber(person.idNumber)}</Typography.Text>
          <Link to={`/persons/${id}`} data-testid="topup-back-person">{t('topUps.backToPerson')}</Link>
          <Link to="/top-ups" data-testid="topup-back">{t('topUps.back')}</Link>
        </Space>
      </Space>

      {taken.length > 0 ? (
        <Alert
          type="success"
          showIcon
          data-testid="topup-done"
          title={t('topUps.receipts')}
          description={
            <Space wrap>
              {taken.map((p) => (
                <Link key={p.id} to={`/payments/${p.id}/receipt`} data-testid="topup-receipt-link">{p.receiptNo}</Link>
              ))}
            </Space>
          }
        />
      ) : null}

      {owed.items.length === 0 ? (
        <Alert type="success" showIcon data-testid="topup-nothing" title={t('topUps.nothing')} />
      ) : (
        <Card size="small">
          <Table<TopUpMonth>
            data-testid="topup-items"
            size="small"
            rowKey={(i) => `${i.scheme}|${i.month}`}
            dataSource={[...owed.items]}
            pagination={false}
            onRow={(i) => ({ 'data-testid': 'topup-item', 'data-month': i.month, 'data-owed-fen': i.owedFen }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'month', title: t('topUps.colMonth'), render: (_, i) => i.month },
              { key: 'scheme', title: t('topUps.colScheme'), render: (_, i) => t(`schemes.${i.scheme}`) },
              { key: 'paid', title: t('topUps.colPaidBase'), align: 'right', render: (_, i) => yuanText(i.paidBaseFen) },
              { key: 'floor', title: t('topUps.colNewFloor'), align: 'right', render: (_, i) => yuanText(i.newFloorFen) },
              { key: 'diff', title: t('topUps.colDiff'), align: 'right', render: (_, i) => yuanText(i.baseDiffFen) },
              { key: 'rate', title: t('topUps.colRate'), align: 'right', render: (_, i) => rateText(i.rate) },
              { key: 'owed', title: t('topUps.colOwed'), align: 'right', render: (_, i) => <span data-testid="topup-item-owed">{yuanText(i.owedFen)}</span> },
              { key: 'versions', title: t('topUps.colVersions'), render: (_, i) => `${i.paidPackVersion} → ${i.newPackVersion}` },
              { key: 'original', title: t('topUps.colOriginal'), render: (_, i) => i.refReceiptNo ?? '—' },
            ]}
          />
          <Space orientation="vertical" style={{ marginTop: 16 }}>
            <Typography.Text strong>
              {`${t('topUps.total')}: `}
              <span data-testid="topup-total" data-fen={owed.totalFen}>{yuanText(owed.totalFen)}</span>
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="topup-records" data-count={owed.records}>
              {t('topUps.records', { count: owed.records })}
            </Typography.Text>
            <Space>
              <Typography.Text>{t('topUps.method')}</Typography.Text>
              <Select<PaymentMethod>
                data-testid="topup-method"
                style={{ minWidth: 140 }}
                value={method}
                onChange={setMethod}
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
              />
              <Button type="primary" data-testid="topup-take" loading={busy} onClick={() => void take()}>
                {t('topUps.take')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}

      {error !== null ? <Alert type="error" showIcon data-testid="topup-error" data-code={error instanceof DataError ? error.code : 'unknown'} title={errorText(t, error)} /> : null}
    </Space>
  );
}
