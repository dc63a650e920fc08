import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface DeactivateModalProps {
  readonly open: boolean;
  readonly personName: string;
  readonly onCancel: () => void;
  readonly onConfirm: (reason: string) => Promise<void>;
}

/** Deactivation needs a reason (people are never deleted; the reason is kept with the record). */
export function DeactivateModal({ open, personName, onCancel, onConfirm }: DeactivateModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const missing = reason.trim() === '';

  const confirm = async (): Promise<void> => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      setReason('');
      setTouched(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('detail.deactivateTitle', { name: personName })}
      okText={t('detail.deactivate')}
      okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'deactivate-confirm' } }}
      cancelText={t('common.cancel')}
      onOk={() => {
        void confirm();
      }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item
          label={t('detail.reason')}
          required
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? t('detail.reasonRequired') : t('detail.reasonHint')}
        >
          <Input.TextArea
            data-testid="deactivate-reason"
            rows={3}
            maxLength={500}
            autoFocus
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
