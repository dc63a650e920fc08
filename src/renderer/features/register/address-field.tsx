import { Cascader, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { Controller, useFormState, useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { loadRegionTree, loadTowns, type RegionNode, type TownOption } from '../../regions/region-client';
import { FieldItem } from './field-item';
import type { PersonFormInput } from './person-form-schema';

interface AddressFieldProps {
  readonly control: Control<PersonFormInput>;
  readonly setValue: UseFormSetValue<PersonFormInput>;
}

/** Province → city → county cascader, then street/town (loaded per county), then free detail. */
export function AddressField({ control, setValue }: AddressFieldProps) {
  const { t } = useTranslation();
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [treeFailed, setTreeFailed] = useState(false);
  const [towns, setTowns] = useState<TownOption[]>([]);
  const address = useWatch({ control, name: 'address' });
  const { errors } = useFormState({ control, name: 'address' });

  useEffect(() => {
    let live = true;
    loadRegionTree().then(
      (nodes) => {
        if (live) setTree(nodes);
      },
      () => {
        if (live) setTreeFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    void loadTowns(address.countyCode).then((list) => {
      if (live) setTowns(list);
    });
    return () => {
      live = false;
    };
  }, [address.countyCode]);

  const path = [address.provinceCode, address.cityCode, address.countyCode].filter((c) => c !== '');

  return (
    <>
      <FieldItem
        label={t('register.address')}
        htmlFor="reg-address"
        required
        error={errors.address?.provinceCode}
        help={treeFailed ? t('register.regionsUnavailable') : undefined}
      >
        <Cascader<RegionNode>
          id="reg-address"
          data-testid="reg-address"
          options={tree}
          value={path}
          changeOnSelect
          showSearch={{
            filter: (input, nodes) => nodes.some((n) => n.label.includes(input)),
          }}
          placeholder={t('register.addressPlaceholder')}
          onChange={(value) => {
            const [provinceCode = '', cityCode = '', countyCode = ''] = (value as string[] | undefined) ?? [];
            setValue('address.provinceCode', provinceCode, { shouldValidate: true, shouldDirty: true });
            setValue('address.cityCode', cityCode, { shouldDirty: true });
            setValue('address.countyCode', countyCode, { shouldDirty: true });
            setValue('address.townCode', '', { shouldDirty: true });
          }}
        />
      </FieldItem>
      <FieldItem label={t('register.town')} htmlFor="reg-town">
        <Controller
          control={control}
          name="address.townCode"
          render={({ field }) => (
            <Select
              id="reg-town"
              data-testid="reg-town"
              value={field.value === '' ? undefined : field.value}
              onChange={(v: string | undefined) => {
                field.onChange(v ?? '');
              }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={towns.length === 0}
              placeholder={t(address.countyCode ? 'register.townPlaceholder' : 'register.townNeedsCounty')}
              options={towns}
            />
          )}
        />
      </FieldItem>
      <FieldItem label={t('register.addressDetail')} htmlFor="reg-address-detail" error={errors.address?.detail}>
        <Controller
          control={control}
          name="address.detail"
          render={({ field }) => (
            <Input
              id="reg-address-detail"
              data-testid="reg-address-detail"
              {...field}
              maxLength={200}
              placeholder={t('register.addressDetailPlaceholder')}
            />
          )}
        />
      </FieldItem>
    </>
  );
}
