import { Alert, App, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../shared/payment';
import { useObservable } from '../../app/use-observable';
import type { CoverageCaseView } from '../../data/correction-contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { CorrectionModal } from './correction-modal';
import { CoverageTable } from './coverage-table';

const NONE: CoverageCaseView[] = [];

/**
 * 重复缴费 (#/double-coverage): every open case among the city's payments
 * this device holds, each record with its station and receipt and a 退费
 * button (the later record is suggested, ADR 013), then the settled ones.
 * Lists are live: a refund here or one pulled from another station moves
 * the case to 已处理 at once.
 */
export function DoubleCoveragePage() {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const open$ = useMemo(() => data.corrections.doubleCoverage$, [data]);
  const settled$ = useMemo(() => data.corrections.settledCoverage$, [data]);
  const open = useObservable(open$, NONE);
  const settled = useObservable(settled$, NONE);
  const [refunding, setRefunding] = useState<Payment | null>(null);

  const startRefund = (paymentId: string): void => {
    data.payments.get(paymentId).then(
      (view) => {
        if (view) setRefunding(view.payment);
      },
      (e: unknown) => {
        void message.error(errorText(t, e));
      },
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="coverage-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('corrections.coverageTitle')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('corrections.coverageIntro')} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('corrections.openTitle', { count: open.length })}
      </Typography.Title>
      <CoverageTable cases={open} testId="coverage-open" emptyText={t('corrections.noOpen')} onRefund={startRefund} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('corrections.settledTitle', { count: settled.length })}
      </Typography.Title>
      <CoverageTable cases={settled} testId="coverage-settled" emptyText={t('corrections.noSettled')} />
      <CorrectionModal
        payment={refunding}
        kind="refund"
        onClose={() => {
          setRefunding(null);
        }}
        onDone={() => {
          setRefunding(null);
          void message.success(t('corrections.refundedDone'));
        }}
      />
    </Space>
  );
}
