import { Flex, Select } from 'antd';
import { useRef, useState } from 'react';
import { useFormState, useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { HOUSEHOLD_RELATIONS } from '../../../shared/person';
import { useData } from '../../data/data-context';
import { maskIdNumber } from '../persons/person-format';
import { FieldItem } from './field-item';
import type { PersonFormInput } from './person-form-schema';

interface HouseholdFieldProps {
  readonly control: Control<PersonFormInput>;
  readonly setValue: UseFormSetValue<PersonFormInput>;
  /** The person being edited: cannot be their own household head. */
  readonly selfId: string | null;
}

type Relation = (typeof HOUSEHOLD_RELATIONS)[number];

/** Optional household (户) link: the relation to the head, and the head found by search. */
export function HouseholdField({ control, setValue, selfId }: HouseholdFieldProps) {
  const { t } = useTranslation();
  const data = useData();
  const household = useWatch({ control, name: 'household' });
  const { errors } = useFormState({ control, name: 'household' });
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const searchSeq = useRef(0);

  const search = (q: string): void => {
    const seq = ++searchSeq.current;
    if (q.trim() === '') {
      setOptions([]);
      return;
    }
    void data.persons.search(q.trim(), 20).then((found) => {
      if (seq !== searchSeq.current) return; // a newer query is on its way
      setOptions(
        found.filter((p) => p.id !== selfId).map((p) => ({ value: p.id, label: `${p.name}  ${maskIdNumber(p.idNumber)}` })),
      );
    });
  };

  const relation = household?.relation;
  return (
    <FieldItem
      label={t('register.household')}
      htmlFor="reg-household-relation"
      error={errors.household?.headId}
      extra={t('register.householdHint')}
    >
      <Flex gap={8} style={{ width: '100%' }}>
        <Select<Relation>
          id="reg-household-relation"
          data-testid="reg-household-relation"
          style={{ width: 160 }}
          allowClear
          placeholder={t('register.relationPlaceholder')}
          value={relation}
          onChange={(v: Relation | undefined) => {
            setValue(
              'household',
              v ? { headId: v === 'head' ? null : (household?.headId ?? null), headLabel: household?.headLabel ?? '', relation: v } : null,
              { shouldDirty: true, shouldValidate: true },
            );
          }}
          options={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: t(`relations.${r}`) }))}
        />
        <Select<string>
          data-testid="reg-household-head"
          style={{ flex: 1 }}
          disabled={!relation || relation === 'head'}
          showSearch={{ filterOption: false, onSearch: search }}
          placeholder={t('register.householdHeadPlaceholder')}
          value={household?.headId ?? undefined}
          labelRender={() => household?.headLabel ?? ''}
          notFoundContent={null}
          options={options}
          onChange={(id: string) => {
            const label = options.find((o) => o.value === id)?.label ?? '';
            if (household) setValue('household', { ...household, headId: id, headLabel: label }, { shouldDirty: true, shouldValidate: true });
          }}
        />
      </Flex>
    </FieldItem>
  );
}
