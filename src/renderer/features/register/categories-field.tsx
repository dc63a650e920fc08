import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { Controller, useFieldArray, useFormState, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../../shared/id-number';
import { CATEGORY_CODES } from '../../../shared/person';
import { translateCode } from '../../i18n/i18n';
import { FieldItem } from './field-item';
import type { PersonFormInput } from './person-form-schema';

const DATE = 'YYYY-MM-DD';

/** Categories a person carries (DOMAIN.md §1), several at once, each with a date range (open end allowed). */
export function CategoriesField({ control }: { readonly control: Control<PersonFormInput> }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'categories' });
  const { errors } = useFormState({ control, name: 'categories' });

  return (
    <FieldItem label={t('register.categories')} error={errors.categories?.root}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {fields.map((f, i) => {
          const rowErr = errors.categories?.[i];
          const msg = rowErr?.to?.message ?? rowErr?.from?.message ?? rowErr?.code?.message;
          return (
            <div key={f.id} data-testid="reg-category-row">
              <Space wrap align="start">
                <Controller
                  control={control}
                  name={`categories.${i}.code`}
                  render={({ field }) => (
                    <Select
                      data-testid="reg-category-code"
                      style={{ width: 200 }}
                      value={field.value}
                      onChange={field.onChange}
                      options={CATEGORY_CODES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
                    />
                  )}
                />
                <Controller
                  control={control}
                  name={`categories.${i}.from`}
                  render={({ field }) => (
                    <DatePicker
                      data-testid="reg-category-from"
                      placeholder={t('register.categoryFrom')}
                      value={field.value ? dayjs(field.value, DATE) : null}
                      onChange={(d) => {
                        field.onChange(d ? d.format(DATE) : '');
                      }}
                      allowClear={false}
                    />
                  )}
                />
                <Controller
                  control={control}
                  name={`categories.${i}.to`}
                  render={({ field }) => (
                    <DatePicker
                      data-testid="reg-category-to"
                      placeholder={t('register.categoryTo')}
                      value={field.value ? dayjs(field.value, DATE) : null}
                      onChange={(d) => {
                        field.onChange(d ? d.format(DATE) : null);
                      }}
                    />
                  )}
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('register.categoryRemove')}
                  title={t('register.categoryRemove')}
                  onClick={() => {
                    remove(i);
                  }}
                />
              </Space>
              {msg ? <div className="ant-form-item-explain-error">{translateCode(t, msg)}</div> : null}
            </div>
          );
        })}
        <Button
          data-testid="reg-category-add"
          icon={<PlusOutlined />}
          onClick={() => {
            append({ code: 'unemployed', from: todayInChina(), to: null });
          }}
        >
          {t('register.categoryAdd')}
        </Button>
      </Space>
    </FieldItem>
  );
}
