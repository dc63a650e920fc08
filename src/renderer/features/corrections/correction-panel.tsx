import { RollbackOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../shared/payment';
import { useObservable } from '../../app/use-observable';
import { useSession } from '../../app/session-context';
import type { PaymentView } from '../../data/contract';
import { useData } from '../../data/data-context';
import { CorrectionModal } from './correction-modal';

/** Statuses a record can still be reversed from (a refused or replaced one never happened at the centre). */
const REVERSIBLE = new Set(['recorded', 'awaitingConfirmation', 'confirmed']);

/**
 * The correction part of the receipt page: the 冲正 button and its approval
 * modal; once corrected, a link to the reversal or refund record; on a
 * correction record, what it corrected, why and who approved it.
 */
export function CorrectionPanel({ view, onChanged }: { readonly view: PaymentView; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const data = useData();
  const { session } = useSession();
  const { message } = App.useApp();
  const p = view.payment;
  const correction$ = useMemo(() => data.corrections.correctionOf(p.id), [data, p.id]);
  const correction = useObservable<Payment | null>(correction$, null);
  const [reversing, setReversing] = useState<Payment | null>(null);
  const kindText = (kind: 'reversal' | 'refund'): string => t(kind === 'reversal' ? 'corrections.reverse' : 'corrections.refund');

  if (p.kind === 'reversal' || p.kind === 'refund') {
    const approver = session.staff.find((s) => s.id === p.approvedBy)?.name ?? p.approvedBy ?? '—';
    return (
      <Space data-testid="correction-info" data-kind={p.kind} wrap>
        <Tag color="purple">{t('corrections.isCorrection', { kind: kindText(p.kind) })}</Tag>
        {p.refId ? (
          <Link to={`/payments/${p.refId}/receipt`} data-testid="correction-original">
            {t('corrections.original')}
          </Link>
        ) : null}
        <Typography.Text data-testid="correction-reason-text">{`${t('corrections.reason')}：${p.reason ?? ''}`}</Typography.Text>
        <Typography.Text data-testid="correction-approver">{`${t('corrections.approvedBy')}：${approver}`}</Typography.Text>
      </Space>
    );
  }
  if (correction && (correction.kind === 'reversal' || correction.kind === 'refund')) {
    return (
      <Link to={`/payments/${correction.id}/receipt`} data-testid="receipt-correction-link" data-correction-id={correction.id}>
        {t('corrections.correctedBy', { kind: kindText(correction.kind) })}
      </Link>
    );
  }
  if ((p.kind !== 'contribution' && p.kind !== 'top_up') || !REVERSIBLE.has(view.status)) return null;
  return (
    <>
      <Button
        danger
        icon={<RollbackOutlined />}
        data-testid="receipt-reverse"
        onClick={() => {
          setReversing(p);
        }}
      >
        {t('corrections.reverse')}
      </Button>
      <CorrectionModal
        payment={reversing}
        kind="reversal"
        onClose={() => {
          setReversing(null);
        }}
        onDone={() => {
          setReversing(null);
          void message.success(t('corrections.reversedDone'));
          onChanged();
        }}
      />
    </>
  );
}
