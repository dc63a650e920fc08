import type { TFunction } from 'i18next';
import type { PersonMergeField } from '../../../shared/person';
import { regionName } from '../../regions/region-client';

/**
 * A merged field's value as staff read it. Enumerations are translated;
 * structured values (address, categories) are shown compactly, since the
 * review only needs to tell the two versions apart.
 */
export function conflictValueText(t: TFunction, field: PersonMergeField, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (field) {
    case 'sex':
      return t(`sex.${text}`);
    case 'hukouType':
      return t(`hukou.${text}`);
    case 'employmentStatus':
      return t(`employment.${text}`);
    case 'active':
      return value === true ? t('persons.active') : t('persons.inactive');
    case 'categories':
      return Array.isArray(value)
        ? value
            .map((c: { code?: string; from?: string; to?: string | null }) => `${t(`categories.${c.code ?? ''}`)} ${c.from ?? ''}~${c.to ?? ''}`)
            .join('；')
        : JSON.stringify(value);
    case 'deactivation':
      return typeof value === 'object' && 'reason' in value && typeof value.reason === 'string' ? value.reason : JSON.stringify(value);
    case 'address':
      if (typeof value === 'object') {
        const a = value as Record<string, unknown>;
        const codes = [a.provinceCode, a.cityCode, a.countyCode, a.townCode].filter((x): x is string => typeof x === 'string' && x !== '');
        const names = codes.map((c) => regionName(c) ?? c).filter((n) => n !== '市辖区');
        return [...names, typeof a.detail === 'string' ? a.detail : ''].filter((x) => x !== '').join(' ');
      }
      return JSON.stringify(value);
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  }
}
