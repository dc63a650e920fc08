import { App, Button, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../../shared/id-number';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, type ContactChannel, type ContactOutcome } from '../../../shared/records';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { ContactView } from '../../data/lapse-contract';
import { errorText } from '../../i18n/error-text';
import { NoticeHistory } from './notice-history';

const NONE: ContactView[] = [];

/** Logs one outreach contact (call, visit, message) with its outcome and an optional follow-up date; lists earlier ones. */
export function ContactModal({ person, onClose }: { readonly person: { readonly personId: string; readonly name: string }; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const history$ = useMemo(() => data.lapses.contactsFor(person.personId), [data, person.personId]);
  const history = useObservable(history$, NONE);
  const [channel, setChannel] = useState<ContactChannel>('call');
  const [outcome, setOutcome] = useState<ContactOutcome>('will_resume');
  const [note, setNote] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await data.lapses.logContact({ personId: person.personId, channel, outcome, note, followUpDate: followUp === '' ? null : followUp });
      void message.success(t('lapse.contact.saved'));
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
      title={<span data-testid="contact-title">{t('lapse.contact.title', { name: person.name })}</span>}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('lapse.cancel')}</Button>,
        <Button key="save" type="primary" loading={saving} data-testid="contact-save" onClick={() => void save()}>{t('lapse.contact.save')}</Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label={t('lapse.contact.channel')}>
          <Radio.Group value={channel} onChange={(e) => { setChannel(e.target.value as ContactChannel); }}>
            {CONTACT_CHANNELS.map((c) => <Radio.Button key={c} value={c}><span data-testid={`contact-channel-${c}`}>{t(`lapse.channel.${c}`)}</span></Radio.Button>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('lapse.contact.outcome')}>
          <Radio.Group value={outcome} onChange={(e) => { setOutcome(e.target.value as ContactOutcome); }}>
            {CONTACT_OUTCOMES.map((o) => <Radio key={o} value={o}><span data-testid={`contact-outcome-${o}`}>{t(`lapse.outcome.${o}`)}</span></Radio>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('lapse.contact.note')}>
          <Input.TextArea data-testid="contact-note" maxLength={500} rows={2} value={note} onChange={(e) => { setNote(e.target.value); }} />
        </Form.Item>
        <Form.Item label={t('lapse.contact.followUp')} extra={t('lapse.contact.followUpHint')}>
          <Space>
            <Input type="date" data-testid="contact-follow-up" value={followUp} min={todayInChina()} onChange={(e) => { setFollowUp(e.target.value); }} />
            <Button data-testid="contact-follow-up-today" onClick={() => { setFollowUp(todayInChina()); }}>{t('lapse.contact.today')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('lapse.contact.history')}</Typography.Text>
      <List
        size="small"
        dataSource={history}
        locale={{ emptyText: t('lapse.contact.noHistory') }}
        renderItem={(v) => (
          <List.Item data-testid="contact-history-row">
            <Space wrap>
              <span>{v.record.createdAt.slice(0, 10)}</span>
              <Tag>{t(`lapse.channel.${v.record.channel}`)}</Tag>
              <span>{t(`lapse.outcome.${v.record.outcome}`)}</span>
              {v.record.followUpDate ? <span>{t('lapse.contact.followUpOn', { date: v.record.followUpDate })}</span> : null}
              <Typography.Text type="secondary">{v.staffName}</Typography.Text>
              {v.record.note ? <span>{v.record.note}</span> : null}
            </Space>
          </List.Item>
        )}
      />
      <NoticeHistory personId={person.personId} />
    </Modal>
  );
}
