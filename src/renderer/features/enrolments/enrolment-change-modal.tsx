import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nextStatuses, type SchemeEnrolment } from '../../../shared/enrolment-status';
import { parseMonth } from '../../../shared/months';
import type { EnrolmentStatus } from '../../../shared/records';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';

export interface EnrolmentChangeTarget {
  readonly personId: string;
  readonly view: SchemeEnrolment;
  /** The month the form starts with (the current month). */
  readonly month: string;
}

interface Props {
  readonly target: EnrolmentChangeTarget | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}

/**
 * 参保登记 (a scheme with no status yet: the status is active) or 变更状态
 * (the statuses the rules allow from the current one). Keyboard: the first
 * field has focus, Tab moves on, Enter in a text field saves, Esc cancels.
 * The data layer checks the change again; its error is shown in the modal.
 */
export function EnrolmentChangeModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const data = useData();
  const [status, setStatus] = useState<EnrolmentStatus | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!target) return null;

  const options = nextStatuses(target.view.status);
  const enrolling = target.view.status === 'none';
  const chosen = status ?? options[0] ?? 'active';
  const monthText = month ?? target.month;
  const needsReason = chosen !== 'active';

  const reset = (): void => {
    setStatus(null);
    setMonth(null);
    setReason('');
    setError(null);
  };
  const close = (): void => {
    reset();
    onClose();
  };
  const save = async (): Promise<void> => {
    const m = parseMonth(monthText);
    if (!m.ok) {
      setError(t(`errors.${m.code}`));
      return;
    }
    if (needsReason && reason.trim() === '') {
      setError(t('enrolments.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await data.enrolments.setStatus({
        personId: target.personId, scheme: target.view.scheme, status: chosen, effectiveMonth: m.value, reason: needsReason ? reason.trim() : null,
      });
      reset();
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const onEnter = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <Modal
      open
      title={t(enrolling ? 'enrolments.enrolTitle' : 'enrolments.changeTitle', { scheme: t(`schemes.${target.view.scheme}`) })}
      okText={t('enrolments.save')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'enrolment-submit' } }}
      cancelText={t('common.cancel')}
      onOk={() => {
        void save();
      }}
      onCancel={close}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="enrolment-modal">
        {enrolling ? (
          <Typography.Paragraph type="secondary">{t('enrolments.enrolHint')}</Typography.Paragraph>
        ) : (
          <Form.Item label={t('enrolments.newStatus')} required>
            <Radio.Group
              data-testid="enrolment-status-choice"
              value={chosen}
              onChange={(e) => {
                setStatus(e.target.value as EnrolmentStatus);
                setError(null);
              }}
            >
              {options.map((s, i) => (
                <Radio key={s} value={s} autoFocus={i === 0} data-testid={`enrolment-status-${s}`}>
                  {t(`enrolments.status.${s}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item label={t('enrolments.effectiveMonth')} required help={t('enrolments.monthHint')}>
          <Input
            data-testid="enrolment-month"
            autoFocus={enrolling}
            style={{ width: 140 }}
            value={monthText}
            onKeyDown={onEnter}
            onChange={(e) => {
              setMonth(e.target.value);
              setError(null);
            }}
          />
        </Form.Item>
        {needsReason ? (
          <Form.Item label={t(chosen === 'transferred_out' ? 'enrolments.destination' : 'enrolments.reason')} required>
            <Input
              data-testid="enrolment-reason"
              maxLength={500}
              value={reason}
              onKeyDown={onEnter}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
            />
          </Form.Item>
        ) : null}
        {error ? <Alert type="error" showIcon data-testid="enrolment-error" title={error} /> : null}
      </Form>
    </Modal>
  );
}
