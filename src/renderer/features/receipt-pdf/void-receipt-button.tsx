import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../shared/policy/schemes';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';

export interface VoidReceiptButtonProps {
  /** The person and scheme being served: a void record names both (src/shared/payment.ts). */
  readonly personId: string;
  readonly scheme: Scheme;
  /** Offered as the number to void: the form torn in the printer is usually the next one. */
  readonly nextReceiptNo: string | null;
}

/**
 * 作废票号: voids a spoiled receipt number (a form torn or misprinted before
 * any payment carried it). The data layer keeps a void_receipt record, so
 * the number is never issued again and shows as 已作废 in the person's list.
 * Refusals (not this device's, not leased, already used) come back as codes
 * and are shown in the modal; nothing is stored then.
 */
export function VoidReceiptButton({ personId, scheme, nextReceiptNo }: VoidReceiptButtonProps) {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [receiptNo, setReceiptNo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const show = (): void => {
    setReceiptNo(nextReceiptNo ?? '');
    setReason('');
    setError(null);
    setOpen(true);
  };

  const submit = async (): Promise<void> => {
    if (receiptNo.trim() === '') {
      setError(t('receiptPdf.void.receiptNoRequired'));
      return;
    }
    if (reason.trim() === '') {
      setError(t('receiptPdf.void.reasonRequired'));
      return;
    }
    setSaving(true);
    try {
      const record = await data.payments.voidReceipt(receiptNo.trim().toUpperCase(), reason, { personId, scheme });
      void message.success(t('receiptPdf.void.done', { receiptNo: record.receiptNo ?? receiptNo }));
      setOpen(false);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button size="small" icon={<StopOutlined />} data-testid="void-receipt-open" onClick={show}>
        {t('receiptPdf.void.open')}
      </Button>
      <Modal
        open={open}
        title={t('receiptPdf.void.title')}
        okText={t('receiptPdf.void.ok')}
        cancelText={t('receiptPdf.void.cancel')}
        okButtonProps={{ danger: true, loading: saving, 'data-testid': 'void-receipt-ok' }}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(false);
        }}
        destroyOnHidden
      >
        <div data-testid="void-receipt-modal">
          <Typography.Paragraph type="secondary">{t('receiptPdf.void.intro')}</Typography.Paragraph>
          <Form layout="vertical" component="div">
            <Form.Item label={t('receiptPdf.void.receiptNo')} required>
              <Input data-testid="void-receipt-no" value={receiptNo} maxLength={40} onChange={(e) => { setReceiptNo(e.target.value); }} />
            </Form.Item>
            <Form.Item label={t('receiptPdf.void.reason')} required>
              <Input.TextArea
                autoFocus
                data-testid="void-receipt-reason"
                value={reason}
                maxLength={500}
                rows={2}
                placeholder={t('receiptPdf.void.reasonPlaceholder')}
                onChange={(e) => { setReason(e.target.value); }}
              />
            </Form.Item>
          </Form>
          {error !== null ? <Alert type="error" showIcon data-testid="void-receipt-error" title={error} /> : null}
        </div>
      </Modal>
    </>
  );
}
