import { App, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select, Space, Spin, Typography } from 'antd';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Person } from '../../../shared/person';
import { TRANSFER_DOCUMENTS, TRANSFER_SCHEMES, type TransferDocument, type TransferScheme } from '../../../shared/records';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import { DataError } from '../../data/contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { TransferChecks } from './transfer-checks';
import { EMPTY_TRANSFER_FORM, parseTransferForm, pooledInputOf, type FormIssues, type TransferFormValues } from './transfer-form-values';

const LOADING = Symbol('loading');

/**
 * #/persons/:id/transfer-in — registers a transfer-in (转移接续) from the transferring office's
 * papers, in transit until confirmed on the person page. A plain form: Tab moves field to field
 * in reading order and Enter in any text box records it. The 12% and temporary-account checks
 * update as the clerk types.
 */
export function TransferInPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { session } = useSession();
  const { message } = App.useApp();
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const [values, setValues] = useState<TransferFormValues>(EMPTY_TRANSFER_FORM);
  const [issues, setIssues] = useState<FormIssues>({});
  const [saving, setSaving] = useState(false);
  const parsed = useMemo(() => parseTransferForm(id, values), [id, values]);

  if (person === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const set = <K extends keyof TransferFormValues>(key: K, value: TransferFormValues[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setIssues((i) => ({ ...i, [key]: undefined }));
  };
  const submit = async (e?: SyntheticEvent): Promise<void> => {
    e?.preventDefault();
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setSaving(true);
    try {
      await data.transfers.record(parsed.input);
      void message.success(t('transferIn.saved'));
      void navigate(`/persons/${id}`);
    } catch (error) {
      const field = error instanceof DataError ? error.params?.field : undefined;
      if (typeof field === 'string' && field in values && error instanceof DataError) setIssues({ [field]: `errors.${error.code}` });
      void message.error(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };
  const item = (key: keyof TransferFormValues, label: string, extra?: string) => ({
    label,
    extra,
    validateStatus: issues[key] ? ('error' as const) : undefined,
    help: issues[key] ? <span data-testid={`transfer-error-${key}`}>{t(issues[key])}</span> : undefined,
  });
  const text = (key: 'fromRegionCode' | 'fromInstitution' | 'fromMonth' | 'toMonth' | 'baseTotal' | 'personalAccount' | 'pooledFund', label: string, extra?: string) => (
    <Form.Item {...item(key, label, extra)}>
      <Input data-testid={`transfer-${key}`} value={values[key]} onChange={(e) => { set(key, e.target.value); }} onPressEnter={() => void submit()} />
    </Form.Item>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="transfer-form-title">{t('transferIn.formTitle', { name: person.name })}</Typography.Title>
        <Link to={`/persons/${id}`} data-testid="transfer-back">{t('transferIn.back')}</Link>
      </Space>
      <Card size="small">
        <form onSubmit={(e) => void submit(e)} data-testid="transfer-form">
          <Form layout="vertical" component={false}>
            <Form.Item label={t('transferIn.scheme')}>
              <Select<TransferScheme> data-testid="transfer-scheme" value={values.scheme} style={{ width: 260 }} onChange={(v) => { set('scheme', v); }}
                options={TRANSFER_SCHEMES.map((s) => ({ value: s, label: t(`schemes.${s}`) }))} />
            </Form.Item>
            <Space wrap align="start">
              {text('fromRegionCode', t('transferIn.fromRegionCode'), t('transferIn.fromRegionCodeHint'))}
              {text('fromInstitution', t('transferIn.fromInstitution'))}
            </Space>
            <Space wrap align="start">
              {text('fromMonth', t('transferIn.fromMonth'), t('transferIn.monthHint'))}
              {text('toMonth', t('transferIn.toMonth'), t('transferIn.monthHint'))}
              <Form.Item {...item('monthsPaid', t('transferIn.monthsPaid'))}>
                <InputNumber data-testid="transfer-monthsPaid" min={0} max={1200} precision={0} value={values.monthsPaid}
                  onChange={(v) => { set('monthsPaid', v); }} onPressEnter={() => void submit()} />
              </Form.Item>
              <Form.Item {...item('deemedMonths', t('transferIn.deemedMonthsField'))}>
                <InputNumber data-testid="transfer-deemedMonths" min={0} max={600} precision={0} value={values.deemedMonths}
                  onChange={(v) => { set('deemedMonths', v); }} onPressEnter={() => void submit()} />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              {text('baseTotal', t('transferIn.baseTotal'), t('transferIn.baseTotalHint'))}
              {text('personalAccount', t('transferIn.personalAccount'))}
              {text('pooledFund', t('transferIn.pooledFund'))}
            </Space>
            <Form.Item label={t('transferIn.documents')}>
              <Checkbox.Group<TransferDocument> value={[...values.documents]} onChange={(v) => { set('documents', v); }}
                options={TRANSFER_DOCUMENTS.map((d) => ({ value: d, label: <span data-testid={`transfer-doc-${d}`}>{t(`transferIn.document.${d}`)}</span> }))} />
            </Form.Item>
            <Form.Item label={t('transferIn.note')}>
              <Input.TextArea data-testid="transfer-note" rows={2} maxLength={500} value={values.note} onChange={(e) => { set('note', e.target.value); }} />
            </Form.Item>
            <TransferChecks input={pooledInputOf(values)} person={person} stationRegionCode={session.regionCode} />
            <Button type="primary" htmlType="submit" loading={saving} data-testid="transfer-submit" style={{ marginTop: 12 }}>
              {t('transferIn.submit')}
            </Button>
          </Form>
        </form>
      </Card>
    </Space>
  );
}
