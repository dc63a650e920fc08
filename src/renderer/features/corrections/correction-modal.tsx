import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '../../../shared/payment';
import { useSession } from '../../app/session-context';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { yuanText } from '../payments/payment-format';

export interface CorrectionModalProps {
  /** The record to cancel; null closes the modal. */
  readonly payment: Payment | null;
  readonly kind: 'reversal' | 'refund';
  readonly onClose: () => void;
  /** After the correction record was stored. */
  readonly onDone: (correction: Payment) => void;
}

/**
 * The approval step of a 冲正 or 退费 (issue 3 §5, §7): reason, the reviewer
 * who approves (the station's reviewers; the operator is listed but cannot
 * be chosen) and how the money goes back. The rules themselves are the data
 * layer's: whatever it refuses is shown here in the user's language and
 * nothing is stored.
 */
export function CorrectionModal({ payment, kind, onClose, onDone }: CorrectionModalProps) {
  const { t } = useTranslation();
  const data = useData();
  const { session, operator } = useSession();
  const [reason, setReason] = useState('');
  const [approvedBy, setApprovedBy] = useState<string | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reviewers = session.staff.filter((s) => s.reviewer);
  const others = reviewers.filter((s) => s.id !== operator.id);

  const reset = (): void => {
    setReason('');
    setApprovedBy(null);
    setMethod('cash');
    setError(null);
  };

  const submit = async (): Promise<void> => {
    if (!payment) return;
    setBusy(true);
    setError(null);
    try {
      const input = { paymentId: payment.id, reason, approvedBy: approvedBy ?? '', method };
      const stored = kind === 'reversal' ? await data.corrections.reverse(input) : await data.corrections.refund(input);
      reset();
      onDone(stored);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const receiptNo = payment?.receiptNo ?? t('corrections.noReceipt');
  return (
    <Modal
      open={payment !== null}
      title={t(kind === 'reversal' ? 'corrections.reverseTitle' : 'corrections.refundTitle', { receiptNo })}
      okText={t(kind === 'reversal' ? 'corrections.submitReverse' : 'corrections.submitRefund')}
      okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'correction-submit' } }}
      cancelText={t('common.cancel')}
      onOk={() => {
        void submit();
      }}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
    >
      <div data-testid="correction-modal" data-kind={kind}>
        <Typography.Paragraph type="secondary">
          {t('corrections.intro', { kind: t(kind === 'reversal' ? 'corrections.reverse' : 'corrections.refund'), amount: yuanText(payment?.paidFen ?? 0) })}
        </Typography.Paragraph>
        {others.length === 0 ? <Alert type="warning" showIcon title={t('corrections.noReviewer')} style={{ marginBottom: 12 }} /> : null}
        <Form layout="vertical">
          <Form.Item label={t('corrections.reason')} required>
            <Input.TextArea
              data-testid="correction-reason"
              rows={2}
              maxLength={500}
              autoFocus
              placeholder={t('corrections.reasonPlaceholder')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
              }}
            />
          </Form.Item>
          <Form.Item label={t('corrections.reviewer')} required>
            <Select<string>
              data-testid="correction-reviewer"
              placeholder={t('corrections.reviewerPlaceholder')}
              value={approvedBy ?? undefined}
              onChange={setApprovedBy}
              options={reviewers.map((s) => ({
                value: s.id,
                label: s.id === operator.id ? t('corrections.reviewerSelf', { name: s.name }) : s.name,
                disabled: s.id === operator.id,
                'data-testid': `correction-reviewer-${s.id}`,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('corrections.method')} required>
            <Select<PaymentMethod>
              data-testid="correction-method"
              value={method}
              onChange={setMethod}
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
            />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon data-testid="correction-error" title={error} /> : null}
      </div>
    </Modal>
  );
}
