import type { TFunction } from 'i18next';
import type { Ratio } from '../../../shared/money/ratio';
import type { PolicyPack, Sourced, ValueStatus } from '../../../shared/policy/pack-schema';
import type { Language } from '../../i18n/i18n';

/** One line of the pack detail: what the value is, its figure(s) as text, where it comes from, how sure we are. */
export interface PackValueRow {
  readonly key: string;
  readonly label: string;
  /** One or more lines of display text. */
  readonly lines: readonly string[];
  readonly source: { readonly title: string; readonly url?: string; readonly doc?: string };
  readonly status: ValueStatus;
  readonly note?: string;
}

/** Integer fen as yuan with 2 decimals and grouping (fen / 100 is exact to far below half a fen). */
export function formatYuan(fen: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}

/** A ratio as a percentage; a ratio that is not a whole number of hundredths of a percent also shows its fraction (2/3). */
export function formatRatio(r: Ratio, lang: Language): string {
  const exact = (r.num * 10_000) % r.den === 0;
  const pct = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format((r.num * 100) / r.den);
  return exact ? `${pct}%` : `≈${pct}% (${String(r.num)}/${String(r.den)})`;
}

type Fmt = { t: TFunction; lang: Language };

function row<T>(key: string, { t }: Fmt, v: Sourced<T>, lines: readonly string[]): PackValueRow {
  return { key, label: t(`packs.values.${key}`), lines, source: v.source, status: v.status, ...(v.note ? { note: v.note } : {}) };
}

function subsidyLines(v: PolicyPack['employmentSubsidy']['value'], f: Fmt): string[] {
  const { t, lang } = f;
  const categories = v.eligibleCategories.map((c) => t(`categories.${c}`)).join('、');
  const rules = v.rules.map((r) => {
    const amount =
      r.amount.kind === 'fixed' ? t('packs.fmt.subsidyFixed', { amount: formatYuan(r.amount.amountPerMonth, lang) })
      : r.amount.kind === 'share_of_minimum' ? t('packs.fmt.subsidyShareMin', { share: formatRatio(r.amount.share, lang) })
      : t('packs.fmt.subsidyShareActual', { share: formatRatio(r.amount.share, lang) });
    const cap = r.capPerMonth === undefined ? '' : t('packs.fmt.cap', { amount: formatYuan(r.capPerMonth, lang) });
    return `${t(`packs.schemes.${r.scheme}`)}：${amount}${cap}`;
  });
  return [
    t('packs.fmt.eligible', { categories }),
    ...rules,
    t('packs.fmt.duration', { months: v.durationMonths }),
    t(`packs.fmt.subsidyPayment.${v.payment}`),
  ];
}

function backPaymentLines(v: PolicyPack['backPayment']['value'], f: Fmt): string[] {
  const { t, lang } = f;
  if (!v.allowed) return [t('packs.fmt.backNotAllowed')];
  return [
    v.maxMonthsBack === null ? t('packs.fmt.backNoLimit') : t('packs.fmt.backMonths', { months: v.maxMonthsBack }),
    ...(v.sameYearOnly ? [t('packs.fmt.backSameYear')] : []),
    t(`packs.fmt.backInterest.${v.interest}`),
    ...(v.lateFeePerDay ? [t('packs.fmt.lateFee', { rate: formatRatio(v.lateFeePerDay, lang) })] : []),
  ];
}

/** Every value of a pack, in the order a clerk reads them, with figures formatted for the UI language. */
export function packValueRows(pack: PolicyPack, t: TFunction, lang: Language): PackValueRow[] {
  const f: Fmt = { t, lang };
  const yuan = (fen: number) => t('packs.fmt.yuanPerMonth', { amount: formatYuan(fen, lang) });
  const pension = pack.employeePension.value;
  const medical = pack.flexibleMedical.value;
  const topUp = pack.topUp.value;
  return [
    row('averageWage', f, pack.averageWage, [yuan(pack.averageWage.value)]),
    row('baseFloor', f, pack.baseFloor, [yuan(pack.baseFloor.value)]),
    row('baseCeiling', f, pack.baseCeiling, [yuan(pack.baseCeiling.value)]),
    row('employeePension', f, pack.employeePension, [
      t('packs.fmt.pension', { rate: formatRatio(pension.rate, lang), account: formatRatio(pension.personalAccount, lang), pooled: formatRatio(pension.pooled, lang) }),
    ]),
    row('flexibleMedical', f, pack.flexibleMedical, [
      medical.kind === 'rate' ? t('packs.fmt.ofBase', { rate: formatRatio(medical.rate, lang) }) : yuan(medical.amountPerMonth),
    ]),
    row('paymentFrequencies', f, pack.paymentFrequencies, [pack.paymentFrequencies.value.map((x) => t(`packs.frequencies.${x}`)).join('、')]),
    row('residentsPension', f, pack.residentsPension, pack.residentsPension.value.grades.map((g) =>
      t('packs.fmt.grade', { id: g.id, amount: formatYuan(g.amountPerYear, lang), subsidy: formatYuan(g.subsidyPerYear, lang) }),
    )),
    row('residentsMedical', f, pack.residentsMedical, pack.residentsMedical.value.groups.map((g) =>
      t('packs.fmt.group', { name: g.name, amount: formatYuan(g.amountPerYear, lang) }),
    )),
    row('employmentSubsidy', f, pack.employmentSubsidy, subsidyLines(pack.employmentSubsidy.value, f)),
    ...pack.interestRates.map((r) => ({
      ...row(`interestRate`, f, r, [t('packs.fmt.interest', { year: r.year, rate: formatRatio(r.value, lang) })]),
      key: `interestRate-${String(r.year)}`,
    })),
    row('backPayment', f, pack.backPayment, backPaymentLines(pack.backPayment.value, f)),
    row('topUp', f, pack.topUp, [
      topUp.rule === 'none' ? t('packs.fmt.topUpNone') : t('packs.fmt.topUpRaise', { schemes: topUp.schemes.map((s) => t(`packs.schemes.${s}`)).join('、') }),
    ]),
  ];
}
