import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Result, Space, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { todayInChina } from '../../../shared/id-number';
import type { Person } from '../../../shared/person';
import type { PolicyPack } from '../../../shared/policy/pack-schema';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import type { PaymentView } from '../../data/contract';
import type { PersonTransfers } from '../../data/transfer-in-contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { translateCode } from '../../i18n/i18n';
import { selectPlatform } from '../../platform/select-platform';
import { OptionsSheet } from './options-sheet';
import { computePlan, defaultInputs, type PlanInputs } from './plan-compute';
import { PlanInputsCard } from './plan-inputs-card';
import './pension-options.css';

const LOADING = Symbol('loading');

/**
 * #/persons/:id/options — contribution years, statutory retirement and the payment-plan options
 * (可供缴费方案选择, issue 4 §5–§6) for one person, with a printable handout. Everything is computed
 * on the device from the person's live payments and the region's verified packs, so it works offline
 * and follows payments synced from other stations.
 */
export function PensionOptionsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const { session } = useSession();
  const { message } = App.useApp();
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const payments$ = useMemo(() => data.payments.forPerson(id), [data, id]);
  const payments = useObservable<readonly PaymentView[] | typeof LOADING>(payments$, LOADING);
  // Deemed and transferred months stored with the person (ADR 018) prefill the inputs; the clerk may still override them.
  const transfers$ = useMemo(() => data.transfers.forPerson(id), [data, id]);
  const transfers = useObservable<PersonTransfers | typeof LOADING>(transfers$, LOADING);
  const stored = transfers === LOADING ? null : transfers.stored;
  const packList$ = useMemo(() => data.policy.list(), [data]);
  const packList = useObservable(packList$, null);
  const [packs, setPacks] = useState<readonly PolicyPack[] | typeof LOADING>(LOADING);
  const [inputs, setInputs] = useState<PlanInputs | null>(null);
  const startMonth = todayInChina().slice(0, 7);

  useEffect(() => {
    let live = true;
    // Re-read when the verified pack list changes (a pack pulled by sync).
    data.policy.packsOf(session.regionCode).then(
      (p) => {
        if (live) setPacks(p);
      },
      (e: unknown) => {
        if (live) void message.error(errorText(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [data, session.regionCode, packList, message, t]);

  const effectiveInputs = useMemo(
    () =>
      inputs ??
      (packs === LOADING || stored === null
        ? null
        : {
            ...defaultInputs(packs, session.regionCode, startMonth),
            deemedMonths: stored.deemedMonths,
            transferredMonths: stored.transferredMonths,
            transferredAccountFen: stored.transferredAccountFen,
          }),
    [inputs, packs, stored, session.regionCode, startMonth],
  );
  const view = useMemo(
    () =>
      person === LOADING || person === null || payments === LOADING || packs === LOADING || effectiveInputs === null
        ? null
        : computePlan(person, payments, packs, session.regionCode, startMonth, effectiveInputs),
    [person, payments, packs, session.regionCode, startMonth, effectiveInputs],
  );

  if (person === LOADING || payments === LOADING || packs === LOADING || effectiveInputs === null) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const print = async (): Promise<void> => {
    try {
      await selectPlatform().print();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print">
        <Button type="primary" icon={<PrinterOutlined />} data-testid="options-print" disabled={view?.ok !== true} onClick={() => void print()}>
          {t('pensionOptions.print')}
        </Button>
        <Link to={`/persons/${id}`} data-testid="options-back">{t('pensionOptions.back')}</Link>
      </Space>
      {stored && stored.deemedFrom !== 'none' ? (
        <Alert className="no-print" type="info" showIcon data-testid="options-prefilled"
          title={t('transferIn.prefilled', { deemed: stored.deemedMonths, transferred: stored.transferredMonths })} />
      ) : null}
      <PlanInputsCard value={effectiveInputs} onChange={setInputs} female={person.sex === 'F'} />
      {view === null ? null : view.ok ? (
        <OptionsSheet
          person={person}
          stationName={session.stationName}
          comparison={view.comparison}
          packVersion={view.packVersion}
          missing={view.missing}
          assumedRateYears={view.assumedRateYears}
        />
      ) : (
        <Alert type="error" showIcon data-testid="options-error" data-code={view.code} title={translateCode(t, view.code, view.params)} />
      )}
    </Space>
  );
}
