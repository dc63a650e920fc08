import { Alert, App, Button, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Person } from '../../../shared/person';
import type { PolicyPack } from '../../../shared/policy/pack-schema';
import type { Scheme } from '../../../shared/policy/schemes';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import type { PaymentView } from '../../data/contract';
import { useData } from '../../data/data-context';
import type { PersonEnrolments } from '../../data/enrolment-contract';
import { errorText } from '../../i18n/error-text';
import { resumePlan } from './resume-plan';
import { SchemeResumeCard } from './scheme-resume-card';

const LOADING = Symbol('loading');

/**
 * #/persons/:id/resume — 办理续缴, the "green channel" of issue 4 §3 (ADR 017):
 * per scheme the enrolment status (lapsed or suspended → active again from
 * this month in one click), the unpaid months, what the region's pack lets
 * the person back-pay and which rule forbids the rest, and buttons that open
 * the payment form pre-filled (continue from this month; back-pay X–Y, which
 * the form then asks a reviewer to approve). Offline like everything else:
 * the figures come from the device's records, payments and verified packs.
 */
export function ResumptionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { session } = useSession();
  const { message } = App.useApp();
  const person = useObservable<Person | null | typeof LOADING>(useMemo(() => data.persons.observe(id), [data, id]), LOADING);
  const enrolments = useObservable<PersonEnrolments | null>(useMemo(() => data.enrolments.forPerson(id), [data, id]), null);
  const payments = useObservable<readonly PaymentView[] | null>(useMemo(() => data.payments.forPerson(id), [data, id]), null);
  const [pack, setPack] = useState<PolicyPack | null | typeof LOADING>(LOADING);
  const [busy, setBusy] = useState<Scheme | null>(null);
  const [error, setError] = useState<string | null>(null);
  const month = enrolments?.month ?? null;

  useEffect(() => {
    let live = true;
    if (month !== null) {
      data.policy.packForMonth(session.regionCode, month).then(
        (p) => { if (live) setPack(p); },
        () => { if (live) setPack(null); },
      );
    }
    return () => {
      live = false;
    };
  }, [data, session.regionCode, month]);

  const plan = useMemo(() => {
    if (person === LOADING || person === null || !enrolments || !payments || pack === LOADING) return null;
    const refused = new Set(payments.filter((v) => v.status === 'refused' || v.status === 'rejected').map((v) => v.payment.id));
    return resumePlan({
      birthDate: person.birthDate, currentMonth: enrolments.month, schemes: enrolments.schemes, records: enrolments.records,
      payments: payments.map((v) => v.payment), refused, pack,
    });
  }, [person, enrolments, payments, pack]);

  if (person === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const reactivate = async (scheme: Scheme): Promise<void> => {
    if (month === null) return;
    setBusy(scheme);
    setError(null);
    try {
      await data.enrolments.setStatus({ personId: person.id, scheme, status: 'active', effectiveMonth: month, reason: null });
      void message.success(t('resumption.activated', { scheme: t(`schemes.${scheme}`), month }));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="resume-title">{t('resumption.title', { name: person.name })}</Typography.Title>
        <Space>
          <Button data-testid="resume-options" onClick={() => { void navigate(`/persons/${person.id}/options`); }}>{t('detail.pensionOptions')}</Button>
          <Button data-testid="resume-back" onClick={() => { void navigate(`/persons/${person.id}`); }}>{t('resumption.back')}</Button>
        </Space>
      </Space>
      <Alert type="info" showIcon title={t('resumption.intro', { month: month ?? '…', packVersion: pack === LOADING ? '…' : (pack?.version ?? '—') })} />
      {error ? <Alert type="error" showIcon data-testid="resume-error" title={error} /> : null}
      {plan === null ? <Spin /> : null}
      {plan !== null && plan.length === 0 ? <Alert type="warning" showIcon data-testid="resume-none" title={t('resumption.noScheme')} /> : null}
      {plan?.map((item) => (
        <SchemeResumeCard key={item.scheme} personId={person.id} item={item} currentMonth={month ?? ''} busy={busy === item.scheme} onReactivate={() => void reactivate(item.scheme)} />
      ))}
    </Space>
  );
}
