import { Form, Input, Select } from 'antd';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/person';
import type { PaymentFormValues } from './payment-format';

/**
 * 社保补贴 at the window (DOMAIN.md §5): the clerk picks which of the person's
 * categories qualifies and the first subsidised month. Only categories the
 * person holds are offered; whether the pack subsidises that category and
 * scheme, and for how many months, is the calculation's business: the lines
 * show the subsidy part and what the person pays now.
 */
export function SubsidyFields({ control, person, startError }: { readonly control: Control<PaymentFormValues>; readonly person: Person; readonly startError: string | undefined }) {
  const { t } = useTranslation();
  const held = [...new Set(person.categories.map((c) => c.code))];
  return (
    <>
      <Form.Item label={t('subsidy.category')} style={{ minWidth: 200 }}>
        <Controller
          name="subsidyCategory"
          control={control}
          render={({ field }) => (
            <Select
              data-testid="pay-subsidy"
              value={field.value}
              onChange={field.onChange}
              options={[{ value: '', label: t('subsidy.none') }, ...held.map((c) => ({ value: c, label: t(`categories.${c}`) }))]}
            />
          )}
        />
      </Form.Item>
      <Form.Item label={t('subsidy.start')} validateStatus={startError ? 'error' : undefined} help={startError}>
        <Controller
          name="subsidyStart"
          control={control}
          render={({ field }) => <Input {...field} data-testid="pay-subsidy-start" placeholder={t('subsidy.startPlaceholder')} style={{ width: 130 }} />}
        />
      </Form.Item>
    </>
  );
}
