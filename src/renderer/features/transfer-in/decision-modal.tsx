import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../data/data-context';
import type { TransferOutcome } from '../../data/transfer-in-contract';
import { errorText } from '../../i18n/error-text';

export interface DecisionTarget {
  readonly personId: string;
  readonly transferId: string;
  readonly outcome: TransferOutcome;
}

/** Confirms (reason optional; the enrolment becomes active) or rejects (reason required) one transfer-in. */
export function DecisionModal({ target, onClose, onDone }: { readonly target: DecisionTarget; readonly onClose: () => void; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await data.transfers.decide({ ...target, reason: reason.trim() === '' ? null : reason });
      void message.success(t(`transferIn.decided.${target.outcome}`));
      onDone?.();
      onClose();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t(`transferIn.decisionTitle.${target.outcome}`)}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t(`transferIn.${target.outcome === 'confirmed' ? 'confirm' : 'reject'}`)}
      cancelText={t('transferIn.cancel')}
      okButtonProps={{ loading: saving, danger: target.outcome === 'rejected', 'data-testid': 'transfer-decision-ok' }}
    >
      {target.outcome === 'confirmed' ? <Typography.Paragraph>{t('transferIn.decisionConfirmHint')}</Typography.Paragraph> : null}
      <Form layout="vertical">
        <Form.Item label={t('transferIn.decisionReason')} extra={t('transferIn.decisionReasonHint')}>
          <Input.TextArea autoFocus data-testid="transfer-decision-reason" rows={2} maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
