import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../../shared/id-number';
import type { PlanComparison } from '../../../shared/pension/payment-options';
import type { PackGap } from '../../../shared/pension/plan-params-from-pack';
import type { Person } from '../../../shared/person';
import { maskIdNumber, yuanText } from '../payments/payment-format';
import { assumptionText, optionKey, optionText, yearsText } from './plan-format';

interface Props {
  readonly person: Person;
  readonly stationName: string;
  readonly comparison: PlanComparison;
  readonly packVersion: string;
  readonly missing: readonly PackGap[];
  readonly assumedRateYears: readonly number[];
}

/**
 * The handout (缴费方案说明, issue 4 §6): who, the years summary, the options side by side, the
 * assumptions and the disclaimer, on one printed page (print CSS in pension-options.css).
 */
export function OptionsSheet({ person, stationName, comparison: c, packVersion, missing, assumedRateYears }: Props) {
  const { t } = useTranslation();
  const cur = c.current;
  return (
    <div className="options-sheet" data-testid="options-sheet">
      <h2>{t('pensionOptions.title')}</h2>
      <table>
        <tbody>
          <tr>
            <th>{t('pensionOptions.person')}</th>
            <td data-testid="options-name">{person.name}</td>
            <th>{t('pensionOptions.idNumber')}</th>
            <td>{maskIdNumber(person.idNumber)}</td>
          </tr>
          <tr>
            <th>{t('pensionOptions.birthMonth')}</th>
            <td>{c.retirement.birthMonth}</td>
            <th>{t('pensionOptions.trackLabel')}</th>
            <td data-testid="options-track">{t(`pensionOptions.track.${c.retirement.track}`)}</td>
          </tr>
          <tr>
            <th>{t('pensionOptions.statutoryAge')}</th>
            <td data-testid="options-statutory-age">{t('pensionOptions.ageText', { y: c.retirement.age.years, m: c.retirement.age.months })}</td>
            <th>{t('pensionOptions.retirementMonth')}</th>
            <td data-testid="options-retirement-month">{c.retirement.retirementMonth}</td>
          </tr>
          <tr>
            <th>{t('pensionOptions.minimum')}</th>
            <td data-testid="options-minimum" data-months={c.minimumMonths}>{t('pensionOptions.minimumText', { years: yearsText(t, c.minimumMonths), year: c.retirement.retirementYear })}</td>
            <th>{t('pensionOptions.payoutMonths')}</th>
            <td data-testid="options-payout-months">{(c.payoutMonthsTenths / 10).toFixed(1)}</td>
          </tr>
          <tr>
            <th>{t('pensionOptions.yearsNow')}</th>
            <td colSpan={3} data-testid="options-years" data-deemed={cur.deemedMonths} data-transferred={cur.transferredMonths} data-actual={cur.actualMonths} data-total={cur.totalMonths} data-needed={cur.monthsNeeded}>
              {t('pensionOptions.yearsBreakdown', {
                deemed: yearsText(t, cur.deemedMonths), transferred: yearsText(t, cur.transferredMonths), actual: yearsText(t, cur.actualMonths), total: yearsText(t, cur.totalMonths),
              })}
              <div className={cur.minimumReached ? 'options-ok' : 'options-short'} data-testid="options-needed">
                {cur.minimumReached ? t('pensionOptions.reached') : t('pensionOptions.needed', { needed: yearsText(t, cur.monthsNeeded) })}
              </div>
            </td>
          </tr>
        </tbody>
      </table>
      <table data-testid="options-table" className="options-table">
        <thead>
          <tr>
            <th>{t('pensionOptions.colOption')}</th>
            <th className="num">{t('pensionOptions.colBase')}</th>
            <th className="num">{t('pensionOptions.colMonthly')}</th>
            <th className="num">{t('pensionOptions.colMonths')}</th>
            <th>{t('pensionOptions.colYears')}</th>
            <th className="num">{t('pensionOptions.colBasic')}</th>
            <th className="num">{t('pensionOptions.colAccount')}</th>
            <th className="num">{t('pensionOptions.colPension')}</th>
            <th className="num">{t('pensionOptions.colCost')}</th>
          </tr>
        </thead>
        <tbody>
          {c.options.map((o) => (
            <tr key={optionKey(o.option)} data-testid="options-row" data-option={optionKey(o.option)}>
              <td>{optionText(t, o.option)}</td>
              <td className="num">{yuanText(o.firstMonthBaseFen)}</td>
              <td className="num">{yuanText(o.firstMonthCostFen)}</td>
              <td className="num" data-testid="options-row-months" data-months={o.monthsPaid}>
                {o.backPaidMonths > 0 ? t('pensionOptions.monthsWithBack', { count: o.monthsPaid, back: o.backPaidMonths }) : o.monthsPaid}
              </td>
              <td data-testid="options-row-years" data-months={o.totalMonths}>
                {yearsText(t, o.totalMonths)}
                {o.reachesMinimum ? null : <span className="options-short">{t('pensionOptions.short', { short: yearsText(t, o.shortfallMonths) })}</span>}
              </td>
              <td className="num">{yuanText(o.basicPensionFen)}</td>
              <td className="num">{yuanText(o.accountPensionFen)}</td>
              <td className="num" data-testid="options-row-pension" data-fen={o.monthlyPensionFen}><strong>{yuanText(o.monthlyPensionFen)}</strong></td>
              <td className="num" data-testid="options-row-cost" data-fen={o.totalCostFen}>{yuanText(o.totalCostFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="options-note">{t('pensionOptions.tableNote')}</p>
      <h3>{t('pensionOptions.assumptionsTitle', { version: packVersion })}</h3>
      <ol className="options-assumptions">
        {c.assumptions.map((a) => (
          <li key={a.code} data-testid="options-assumption" data-code={a.code} data-origin={a.origin}>
            {assumptionText(t, a)} <span className="options-origin">{t('pensionOptions.originText', { origin: t(`pensionOptions.origin.${a.origin}`) })}</span>
          </li>
        ))}
        {missing.map((g) => (
          <li key={g} data-testid="options-pack-gap" data-gap={g}>{t(`pensionOptions.gap.${g}`)}</li>
        ))}
        {assumedRateYears.length > 0 ? <li data-testid="options-assumed-rate-years">{t('pensionOptions.assumedRateYears', { years: assumedRateYears.join('、') })}</li> : null}
      </ol>
      <p className="options-disclaimer" data-testid="options-disclaimer">{t('pensionOptions.disclaimer')}</p>
      <div className="options-signatures">
        <span>{t('pensionOptions.station', { station: stationName })}</span>
        <span>{t('pensionOptions.date', { date: todayInChina() })}</span>
      </div>
    </div>
  );
}
