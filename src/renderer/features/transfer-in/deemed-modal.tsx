import { App, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';

/** Records the person's deemed contribution months (视同缴费年限) from the archive, prefilled with what is stored now. */
export function DeemedModal({ personId, current, onClose }: { readonly personId: string; readonly current: number; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const [years, setYears] = useState(Math.floor(current / 12));
  const [months, setMonths] = useState(current % 12);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await data.transfers.setDeemedMonths(personId, years * 12 + months, note);
      void message.success(t('transferIn.deemedSaved'));
      onClose();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('transferIn.deemedTitle')} onCancel={onClose} onOk={() => void save()} okText={t('transferIn.save')} cancelText={t('transferIn.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'deemed-ok' }}>
      <Form layout="vertical">
        <Form.Item label={t('transferIn.deemedTitle')}>
          <Space>
            <InputNumber autoFocus data-testid="deemed-years" min={0} max={50} precision={0} value={years} onChange={(v) => { setYears(Math.max(0, Math.trunc(v ?? 0))); }} suffix={t('transferIn.deemedYears')} />
            <InputNumber data-testid="deemed-months" min={0} max={11} precision={0} value={months} onChange={(v) => { setMonths(Math.min(11, Math.max(0, Math.trunc(v ?? 0)))); }} suffix={t('transferIn.deemedMonths')} />
          </Space>
        </Form.Item>
        <Form.Item label={t('transferIn.deemedNote')}>
          <Input data-testid="deemed-note" maxLength={500} value={note} onChange={(e) => { setNote(e.target.value); }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
