import { Alert, App, Button, Card, Form, Input, Radio, Result, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Person } from '../../../shared/person';
import { PAYMENT_METHODS } from '../../../shared/payment';
import { SCHEMES } from '../../../shared/policy/schemes';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import type { PaymentPreviewResult } from '../../data/contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { EnrolmentWarning } from '../enrolments/enrolment-warning';
import { translateCode } from '../../i18n/i18n';
import { toPaymentInput, type PaymentFormValues } from './payment-format';
import { PaymentLines } from './payment-lines';
import { VoidReceiptButton } from '../receipt-pdf/void-receipt-button';
import { ReceiptStockAlert, useReceiptStock } from './receipt-stock-alert';
import { SubsidyFields } from './subsidy-fields';
import { BackPayApprover } from '../resumption/back-pay-approver';
import { prefilledValues } from '../resumption/resume-links';

const LOADING = Symbol('loading');

const DEFAULTS: PaymentFormValues = {
  channel: 'window', scheme: 'employee_pension', fromMonth: '', toMonth: '', base: '', gradeId: '', method: 'cash', subsidyCategory: '', subsidyStart: '', approvedBy: '',
};

/** Residents' pension grades of the pack in force in December of the year paid (ADR 007). */
function useGrades(fromMonth: string): string[] {
  const data = useData();
  const { session } = useSession();
  const [grades, setGrades] = useState<string[]>([]);
  const year = /^\d{4}/.exec(fromMonth)?.[0] ?? String(new Date().getFullYear());
  useEffect(() => {
    let live = true;
    void data.policy.packForMonth(session.regionCode, `${year}-12`).then((pack) => {
      if (live) setGrades(pack ? pack.residentsPension.value.grades.map((g) => g.id) : []);
    });
    return () => {
      live = false;
    };
  }, [data, session.regionCode, year]);
  return grades;
}

/**
 * 收费 (#/persons/<id>/pay), keyboard first: the scheme has focus; Tab goes
 * scheme → from month → to month → base → method → save; Enter in a text
 * field saves; Esc goes back. The lines are computed live by the same code
 * that stores the payment, so what is shown is what is saved.
 */
export function PaymentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const stock = useReceiptStock();
  const [search] = useSearchParams();
  // Pre-filled from the resumption view (#/persons/:id/pay?scheme=…&from=…&to=…&base=…), read once.
  const [defaults] = useState(() => prefilledValues(DEFAULTS, search));
  const { control, handleSubmit } = useForm<PaymentFormValues>({ defaultValues: defaults });
  const values = useWatch({ control }) as PaymentFormValues;
  const grades = useGrades(values.fromMonth);
  const [computed, setComputed] = useState<{ key: string; result: PaymentPreviewResult } | null>(null);
  const [fieldError, setFieldError] = useState<{ field: keyof PaymentFormValues; code: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const { channel, scheme, fromMonth, toMonth, base, gradeId, method, subsidyCategory, subsidyStart, approvedBy } = values;
  // Primitive dependencies: useWatch may hand out a new object on every render.
  const parsed = useMemo(
    () => toPaymentInput(id, { channel, scheme, fromMonth, toMonth, base, gradeId, method, subsidyCategory, subsidyStart, approvedBy }),
    [id, channel, scheme, fromMonth, toMonth, base, gradeId, method, subsidyCategory, subsidyStart, approvedBy],
  );

  const inputKey = parsed.ok ? JSON.stringify(parsed.input) : null;
  // Shown only while it belongs to what the form holds now.
  const preview = computed !== null && computed.key === inputKey ? computed.result : null;

  useEffect(() => {
    let live = true;
    if (parsed.ok && inputKey !== null) {
      void data.payments.preview(parsed.input).then((result) => {
        if (live) setComputed({ key: inputKey, result });
      });
    }
    return () => {
      live = false;
    };
  }, [data, parsed, inputKey]);

  if (person === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const cancel = (): void => {
    void navigate(`/persons/${person.id}`);
  };
  const save = async (v: PaymentFormValues): Promise<void> => {
    const p = toPaymentInput(person.id, v);
    if (!p.ok) {
      setFieldError(p);
      return;
    }
    setFieldError(null);
    setSaving(true);
    try {
      const payment = await data.payments.take(p.input);
      void message.success(payment.receiptNo ? t('payments.saved', { receiptNo: payment.receiptNo }) : t('payments.declaredSaved'));
      void navigate(`/payments/${payment.id}/receipt`);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    // An open Select uses Esc to close its list; only a closed one lets Esc leave the page.
    if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') cancel();
  };
  const exhausted = values.channel === 'window' && stock?.nextReceiptNo === null;
  const errorOf = (field: keyof PaymentFormValues): string | undefined =>
    fieldError?.field === field ? translateCode(t, fieldError.code) : undefined;
  const needsBase = values.scheme === 'employee_pension' || values.scheme === 'employee_medical';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="pay-title">
        {t('payments.title', { name: person.name })}
      </Typography.Title>
      {values.channel === 'window' ? (
        <Space wrap>
          <ReceiptStockAlert stock={stock} />
          <VoidReceiptButton personId={person.id} scheme={values.scheme} nextReceiptNo={stock?.nextReceiptNo ?? null} />
        </Space>
      ) : <Typography.Text type="secondary">{t('payments.declaredNote')}</Typography.Text>}
      <Card size="small">
        <Form
          component="form"
          layout="vertical"
          data-testid="pay-form"
          onKeyDown={onKeyDown}
          onFinish={() => {
            void handleSubmit(save)();
          }}
        >
          <Form.Item label={t('payments.channel')}>
            <Controller
              name="channel"
              control={control}
              render={({ field }) => (
                <Radio.Group data-testid="pay-channel" value={field.value} onChange={(e) => { field.onChange(e.target.value); }}>
                  <Radio value="window" data-testid="pay-channel-window">{t('payments.channelWindow')}</Radio>
                  <Radio value="declared" data-testid="pay-channel-declared">{t('payments.channelDeclared')}</Radio>
                </Radio.Group>
              )}
            />
          </Form.Item>
          <Space wrap align="start" size="middle">
            <Form.Item label={t('payments.scheme')} style={{ minWidth: 260 }}>
              <Controller
                name="scheme"
                control={control}
                render={({ field }) => (
                  <Select
                    autoFocus
                    data-testid="pay-scheme"
                    value={field.value}
                    onChange={field.onChange}
                    options={SCHEMES.map((s) => ({ value: s, label: t(`schemes.${s}`) }))}
                  />
                )}
              />
            </Form.Item>
            <Form.Item label={t('payments.fromMonth')} validateStatus={errorOf('fromMonth') ? 'error' : undefined} help={errorOf('fromMonth')}>
              <Controller name="fromMonth" control={control} render={({ field }) => <Input {...field} data-testid="pay-from" placeholder={t('payments.monthPlaceholder')} style={{ width: 130 }} />} />
            </Form.Item>
            <Form.Item label={t('payments.toMonth')} validateStatus={errorOf('toMonth') ? 'error' : undefined} help={errorOf('toMonth')}>
              <Controller name="toMonth" control={control} render={({ field }) => <Input {...field} data-testid="pay-to" placeholder={t('payments.monthPlaceholder')} style={{ width: 130 }} />} />
            </Form.Item>
            {needsBase ? (
              <Form.Item label={t('payments.base')} validateStatus={errorOf('base') ? 'error' : undefined} help={errorOf('base')}>
                <Controller name="base" control={control} render={({ field }) => <Input {...field} data-testid="pay-base" inputMode="decimal" placeholder={t('payments.basePlaceholder')} style={{ width: 150 }} />} />
              </Form.Item>
            ) : null}
            {needsBase ? <SubsidyFields control={control} person={person} startError={errorOf('subsidyStart')} /> : null}
            {values.scheme === 'residents_pension' ? (
              <Form.Item label={t('payments.grade')} style={{ minWidth: 150 }}>
                <Controller
                  name="gradeId"
                  control={control}
                  render={({ field }) => <Select data-testid="pay-grade" value={field.value} onChange={field.onChange} options={grades.map((g) => ({ value: g, label: g }))} />}
                />
              </Form.Item>
            ) : null}
            {values.channel === 'window' ? (
              <Form.Item label={t('payments.method')} style={{ minWidth: 150 }}>
                <Controller
                  name="method"
                  control={control}
                  render={({ field }) => (
                    <Select data-testid="pay-method" value={field.value} onChange={field.onChange} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))} />
                  )}
                />
              </Form.Item>
            ) : null}
          </Space>
          <EnrolmentWarning personId={person.id} scheme={values.scheme} fromMonth={values.fromMonth} toMonth={values.toMonth} />
          {preview && !preview.ok ? (
            <Alert type="error" showIcon data-testid="pay-error" data-code={preview.code} title={translateCode(t, preview.code, preview.params)} style={{ marginBottom: 16 }} />
          ) : null}
          {preview?.ok && preview.preview.backPayment ? (
            <>
              <Alert type="info" showIcon data-testid="pay-back-payment" title={t('subsidy.backPayment')} style={{ marginBottom: 16 }} />
              <Controller name="approvedBy" control={control} render={({ field }) => <BackPayApprover value={field.value} onChange={field.onChange} />} />
            </>
          ) : null}
          {preview?.ok ? <PaymentLines preview={preview.preview} /> : null}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" data-testid="pay-save" loading={saving} disabled={exhausted || preview?.ok !== true}>
              {t('payments.save')}
            </Button>
            <Button data-testid="pay-cancel" onClick={cancel}>
              {t('payments.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
