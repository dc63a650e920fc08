import { Button, Checkbox, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, type AgeBand } from '../../../shared/lapse';
import { CATEGORY_CODES, type CategoryCode } from '../../../shared/person';
import { SCHEMES, type Scheme } from '../../../shared/policy/schemes';
import type { LapseFilter } from '../../data/lapse-contract';

export interface LapseFiltersProps {
  readonly value: LapseFilter;
  readonly onChange: (next: LapseFilter) => void;
  /** Street/township codes present on the worklist, with their names. */
  readonly towns: ReadonlyArray<{ readonly code: string; readonly name: string }>;
}

/** The worklist's filters (issue 4 §1): category, community/village, scheme, months lapsed, age band, years short, near retirement. */
export function LapseFilters({ value, onChange, towns }: LapseFiltersProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<LapseFilter>): void => { onChange({ ...value, ...patch }); };
  return (
    <Space wrap className="no-print" data-testid="lapse-filters">
      <Select
        data-testid="lapse-filter-category" allowClear placeholder={t('lapse.filter.category')} style={{ width: 160 }}
        value={value.category ?? undefined} onChange={(v: CategoryCode | undefined) => { set({ category: v ?? null }); }}
        options={CATEGORY_CODES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
      />
      <Select
        data-testid="lapse-filter-town" allowClear placeholder={t('lapse.filter.town')} style={{ width: 200 }}
        value={value.townCode ?? undefined} onChange={(v: string | undefined) => { set({ townCode: v ?? null }); }}
        options={towns.map((x) => ({ value: x.code, label: x.name }))}
      />
      <Select
        data-testid="lapse-filter-scheme" allowClear placeholder={t('lapse.filter.scheme')} style={{ width: 240 }}
        value={value.scheme ?? undefined} onChange={(v: Scheme | undefined) => { set({ scheme: v ?? null }); }}
        options={SCHEMES.map((s) => ({ value: s, label: t(`schemes.${s}`) }))}
      />
      <InputNumber
        data-testid="lapse-filter-months" min={1} max={600} precision={0} style={{ width: 170 }}
        prefix={t('lapse.filter.monthsPrefix')} suffix={t('lapse.filter.monthsSuffix')}
        value={value.minMonths ?? null} onChange={(v) => { set({ minMonths: v ?? null }); }}
      />
      <Select
        data-testid="lapse-filter-age" allowClear placeholder={t('lapse.filter.age')} style={{ width: 140 }}
        value={value.ageBand ?? undefined} onChange={(v: AgeBand | undefined) => { set({ ageBand: v ?? null }); }}
        options={AGE_BANDS.map((b) => ({ value: b, label: t(`lapse.ageBand.${b}`) }))}
      />
      <InputNumber
        data-testid="lapse-filter-short" min={0} max={20} precision={0} style={{ width: 190 }}
        prefix={t('lapse.filter.shortPrefix')} suffix={t('lapse.filter.shortSuffix')}
        value={value.minYearsShort ?? null} onChange={(v) => { set({ minYearsShort: v ?? null }); }}
      />
      <Checkbox data-testid="lapse-filter-near" checked={value.nearRetirementOnly ?? false} onChange={(e) => { set({ nearRetirementOnly: e.target.checked }); }}>
        {t('lapse.filter.near')}
      </Checkbox>
      <Button data-testid="lapse-filter-reset" onClick={() => { onChange({}); }}>{t('lapse.filter.reset')}</Button>
    </Space>
  );
}
