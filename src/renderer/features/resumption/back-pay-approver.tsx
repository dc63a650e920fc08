import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-context';

export interface BackPayApproverProps {
  readonly value: string;
  readonly onChange: (staffId: string) => void;
}

/**
 * The reviewer who approves a back-payment (补缴, issue 4 §3, ADR 017),
 * shown on the payment form only when the preview is a back-payment. Every
 * staff member of the station is listed so the clerk sees why a name cannot
 * be chosen (themself; no reviewer role); the rule itself is the data
 * layer's (payment-repository take()), which refuses a missing or invalid
 * approver with a message in the user's language. An antd Select: Tab
 * reaches it, arrows choose, Enter confirms.
 */
export function BackPayApprover({ value, onChange }: BackPayApproverProps) {
  const { t } = useTranslation();
  const { session, operator } = useSession();
  const label = (s: { id: string; name: string; reviewer: boolean }): string => {
    if (s.id === operator.id) return t('resumption.approverSelf', { name: s.name });
    return s.reviewer ? s.name : t('resumption.approverNotReviewer', { name: s.name });
  };
  return (
    <Form.Item label={t('resumption.approver')} required style={{ minWidth: 240 }} extra={t('resumption.approverHint')}>
      <Select<string>
        data-testid="pay-approver"
        placeholder={t('resumption.approverPlaceholder')}
        value={value === '' ? undefined : value}
        onChange={onChange}
        options={session.staff.map((s) => ({
          value: s.id,
          label: label(s),
          disabled: s.id === operator.id || !s.reviewer,
          'data-testid': `pay-approver-${s.id}`,
        }))}
      />
    </Form.Item>
  );
}
