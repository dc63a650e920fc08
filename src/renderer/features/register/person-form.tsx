import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ID_TYPES_WITH_BIRTH } from '../../../shared/id-types';
import { EMPLOYMENT_STATUSES, HUKOU_TYPES } from '../../../shared/person';
import { AddressField } from './address-field';
import { CategoriesField } from './categories-field';
import { FieldItem } from './field-item';
import { HouseholdField } from './household-field';
import { IdNumberField } from './id-number-field';
import { personFormSchema, type PersonFormInput, type PersonFormValues } from './person-form-schema';

interface PersonFormProps {
  readonly mode: 'create' | 'edit';
  readonly defaultValues: PersonFormInput;
  /** Id of the person being edited (null when registering). */
  readonly selfId: string | null;
  readonly onSubmit: (values: PersonFormValues) => Promise<void>;
  /** Create mode: the ID field was left with a valid number (look the person up). */
  readonly onIdChecked?: (idType: PersonFormInput['idType'], idNumber: string) => void;
  readonly onCancel?: () => void;
}

/**
 * The one form for registering and editing a person. Keyboard first: fields
 * are in reading order, Enter in any text field submits (the form has a
 * submit button), and the first invalid field gets the focus.
 */
export function PersonForm({ mode, defaultValues, selfId, onSubmit, onIdChecked, onCancel }: PersonFormProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, setValue, getValues, formState } = useForm<PersonFormInput, unknown, PersonFormValues>({
    resolver: zodResolver(personFormSchema),
    defaultValues,
    mode: 'onTouched',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  const idType = useWatch({ control, name: 'idType' });
  const needsBirthAndSex = !ID_TYPES_WITH_BIRTH.has(idType);
  const { errors } = formState;

  const submit = handleSubmit(async (values) => {
    setBusy(true);
    try {
      await onSubmit(values);
    } finally {
      setBusy(false);
    }
  });

  return (
    <Form
      layout="vertical"
      component="form"
      onFinish={() => {
        void submit();
      }}
      data-testid="person-form"
      style={{ maxWidth: 1100 }}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('register.sectionIdentity')} size="small">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <IdNumberField
                control={control}
                readOnly={mode === 'edit'}
                onValidBlur={() => {
                  onIdChecked?.(getValues('idType'), getValues('idNumber'));
                }}
              />
            </Col>
            <Col xs={24} md={12}>
              <FieldItem label={t('register.name')} htmlFor="reg-name" required error={errors.name}>
                <Controller
                  control={control}
                  name="name"
                  render={({ field }) => <Input id="reg-name" data-testid="reg-name" {...field} maxLength={50} autoComplete="off" />}
                />
              </FieldItem>
              <FieldItem label={t('register.phone')} htmlFor="reg-phone" error={errors.phone}>
                <Controller
                  control={control}
                  name="phone"
                  render={({ field }) => (
                    <Input id="reg-phone" data-testid="reg-phone" {...field} maxLength={11} inputMode="numeric" autoComplete="off" />
                  )}
                />
              </FieldItem>
              {needsBirthAndSex ? (
                <Row gutter={16}>
                  <Col span={12}>
                    <FieldItem label={t('register.birthDate')} htmlFor="reg-birth-date" required error={errors.birthDate}>
                      <Controller
                        control={control}
                        name="birthDate"
                        render={({ field }) => (
                          <DatePicker
                            id="reg-birth-date"
                            data-testid="reg-birth-date"
                            style={{ width: '100%' }}
                            value={field.value ? dayjs(field.value, 'YYYY-MM-DD') : null}
                            onChange={(d) => {
                              field.onChange(d ? d.format('YYYY-MM-DD') : '');
                            }}
                            onBlur={field.onBlur}
                          />
                        )}
                      />
                    </FieldItem>
                  </Col>
                  <Col span={12}>
                    <FieldItem label={t('register.sex')} required error={errors.sex}>
                      <Controller
                        control={control}
                        name="sex"
                        render={({ field }) => (
                          <Radio.Group
                            data-testid="reg-sex"
                            value={field.value}
                            onChange={(e) => {
                              field.onChange(e.target.value);
                            }}
                            options={[
                              { value: 'M', label: t('sex.M') },
                              { value: 'F', label: t('sex.F') },
                            ]}
                          />
                        )}
                      />
                    </FieldItem>
                  </Col>
                </Row>
              ) : null}
            </Col>
          </Row>
        </Card>

        <Card title={t('register.sectionAddress')} size="small">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <FieldItem label={t('register.hukou')} htmlFor="reg-hukou" required>
                <Controller
                  control={control}
                  name="hukouType"
                  render={({ field }) => (
                    <Select
                      id="reg-hukou"
                      data-testid="reg-hukou"
                      value={field.value}
                      onChange={field.onChange}
                      options={HUKOU_TYPES.map((h) => ({ value: h, label: t(`hukou.${h}`) }))}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} md={16}>
              <HouseholdField control={control} setValue={setValue} selfId={selfId} />
            </Col>
            <Col xs={24} md={24}>
              <AddressField control={control} setValue={setValue} />
            </Col>
          </Row>
        </Card>

        <Card title={t('register.sectionWork')} size="small">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <FieldItem label={t('register.employment')} htmlFor="reg-employment" required>
                <Controller
                  control={control}
                  name="employmentStatus"
                  render={({ field }) => (
                    <Select
                      id="reg-employment"
                      data-testid="reg-employment"
                      value={field.value}
                      onChange={field.onChange}
                      options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: t(`employment.${s}`) }))}
                    />
                  )}
                />
              </FieldItem>
            </Col>
            <Col xs={24} md={16}>
              <FieldItem label={t('register.archive')} htmlFor="reg-archive" error={errors.archiveLocation} extra={t('register.archiveHint')}>
                <Controller
                  control={control}
                  name="archiveLocation"
                  render={({ field }) => <Input id="reg-archive" data-testid="reg-archive" {...field} maxLength={100} />}
                />
              </FieldItem>
            </Col>
            <Col span={24}>
              <CategoriesField control={control} />
            </Col>
            <Col span={24}>
              <FieldItem label={t('register.notes')} htmlFor="reg-notes" error={errors.notes}>
                <Controller
                  control={control}
                  name="notes"
                  render={({ field }) => (
                    <Input.TextArea id="reg-notes" data-testid="reg-notes" {...field} rows={3} maxLength={2000} showCount />
                  )}
                />
              </FieldItem>
            </Col>
          </Row>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" data-testid="reg-submit" loading={busy}>
            {mode === 'create' ? t('register.submit') : t('register.saveEdit')}
          </Button>
          {onCancel ? (
            <Button onClick={onCancel} data-testid="reg-cancel">
              {t('common.cancel')}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Form>
  );
}
