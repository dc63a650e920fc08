/** Display helpers for the options screen and handout; figures stay integers until here. */
import type { TFunction } from 'i18next';
import type { Assumption } from '../../../shared/pension/plan-assumptions';
import type { PlanOption } from '../../../shared/pension/payment-options';
import { yuanText } from '../payments/payment-format';

/** 180 → "15年", 187 → "15年7个月", 11 → "11个月" (years + months, never a rounded decimal). */
export const yearsText = (t: TFunction, months: number): string => {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (m === 0) return t('pensionOptions.years', { y });
  return y === 0 ? t('pensionOptions.monthsOnly', { m }) : t('pensionOptions.yearsMonths', { y, m });
};

/** 250 bp → "2.5%", 10000 → "100%". */
export const bpText = (v: number): string => `${String(Number((v / 100).toFixed(2)))}%`;

export const optionText = (t: TFunction, o: PlanOption): string =>
  t(o.backPay === true ? 'pensionOptions.optionBackPay' : `pensionOptions.option.${o.until}`, { share: bpText(o.baseShareBp) });

export const optionKey = (o: PlanOption): string => `${o.baseShareBp}-${o.until}${o.backPay === true ? '-back' : ''}`;

function valueText(t: TFunction, a: Assumption): string {
  const v = a.value;
  switch (a.unit) {
    case 'fen':
      return typeof v === 'number' ? `${yuanText(v)} ${t('pensionOptions.yuan')}` : '';
    case 'bp':
      return typeof v === 'number' ? bpText(v) : '';
    case 'months':
      return typeof v === 'number' ? yearsText(t, v) : '';
    case 'tenthsOfMonth':
      return typeof v === 'number' ? (v / 10).toFixed(1) : '';
    case 'bpRange':
      return typeof v === 'object' && v !== null ? `${bpText(v[0])}–${bpText(v[1])}` : '';
    case 'code':
      return typeof v === 'string' ? t(`pensionOptions.track.${v}`) : '';
    case 'yearMonth':
      return typeof v === 'string' ? v : '';
    case 'none':
      return '';
  }
}

export const assumptionText = (t: TFunction, a: Assumption): string => t(`pensionOptions.assumption.${a.code}`, { value: valueText(t, a) });
