import { Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Controller, useFormState, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, ID_TYPES_WITH_BIRTH } from '../../../shared/id-types';
import { parseIdNumber } from '../../../shared/id-number';
import { translateCode } from '../../i18n/i18n';
import { FieldItem } from './field-item';
import type { PersonFormInput } from './person-form-schema';

interface IdNumberFieldProps {
  readonly control: Control<PersonFormInput>;
  readonly readOnly: boolean;
  /** Called when the number field loses focus with a valid number (look up an existing person). */
  readonly onValidBlur: () => void;
}

/**
 * ID type + number with live validation. What the number encodes (birth
 * date, sex) is shown as soon as it parses; a 15-digit number is shown in
 * its 18-digit form, which is what gets stored.
 */
export function IdNumberField({ control, readOnly, onValidBlur }: IdNumberFieldProps) {
  const { t } = useTranslation();
  const idType = useWatch({ control, name: 'idType' });
  const idNumber = useWatch({ control, name: 'idNumber' });
  const { errors } = useFormState({ control, name: 'idNumber' });
  const parsed = useMemo(() => parseIdNumber(idType, idNumber), [idType, idNumber]);
  const encodesBirth = ID_TYPES_WITH_BIRTH.has(idType);
  // The resolver's message is the bare code; the live parse also has the
  // parameters (e.g. the expected check character), so show that one.
  // Shown after the field was left once (resolver error) or as soon as a
  // full-length number is typed, so a wrong check character shows at once.
  const complete = idNumber.trim().length >= 18;
  const idError = (errors.idNumber ?? complete) && !parsed.ok ? translateCode(t, parsed.code, parsed.params) : undefined;

  return (
    <>
      <FieldItem label={t('register.idType')} htmlFor="reg-id-type" required>
        <Controller
          control={control}
          name="idType"
          render={({ field }) => (
            <Select
              id="reg-id-type"
              data-testid="reg-id-type"
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              disabled={readOnly}
              options={ID_TYPES.map((v) => ({ value: v, label: t(`idTypes.${v}`) }))}
            />
          )}
        />
      </FieldItem>
      <FieldItem
        label={t('register.idNumber')}
        htmlFor="reg-id-number"
        required
        error={errors.idNumber}
        help={idError ? <span data-testid="reg-error">{idError}</span> : undefined}
      >
        <Controller
          control={control}
          name="idNumber"
          render={({ field }) => (
            <Input
              id="reg-id-number"
              data-testid="reg-id-number"
              ref={field.ref}
              value={field.value}
              onChange={(e) => {
                field.onChange(e.target.value);
              }}
              onBlur={() => {
                field.onBlur();
                if (parsed.ok) onValidBlur();
              }}
              readOnly={readOnly}
              variant={readOnly ? 'filled' : 'outlined'}
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('register.idNumberPlaceholder')}
              style={{ fontFamily: 'monospace' }}
            />
          )}
        />
      </FieldItem>
      {encodesBirth && parsed.ok ? (
        <div style={{ marginTop: -12, marginBottom: 16 }}>
          <Space wrap>
            <Typography.Text type="secondary">{t('register.derivedBirth')}</Typography.Text>
            <Tag data-testid="reg-derived-birth" color="blue">
              {parsed.value.birthDate}
            </Tag>
            <Typography.Text type="secondary">{t('register.derivedSex')}</Typography.Text>
            <Tag data-testid="reg-derived-sex" color="blue">
              {parsed.value.sex ? t(`sex.${parsed.value.sex}`) : ''}
            </Tag>
            {parsed.value.converted ? (
              <Typography.Text data-testid="reg-converted-id" type="warning">
                {t('register.converted', { id: parsed.value.normalized })}
              </Typography.Text>
            ) : null}
          </Space>
        </div>
      ) : null}
    </>
  );
}
