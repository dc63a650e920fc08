import { useTranslation } from 'react-i18next';
import type { LapseRow } from '../../data/lapse-contract';
import './lapse.css';

export interface NoticeBatchProps {
  readonly rows: readonly LapseRow[];
  readonly stationName: string;
  readonly phone: string;
  /** Issue date (YYYY-MM-DD, China). */
  readonly day: string;
}

/**
 * 社会保险费缴费提醒通知书: one page per person (print CSS breaks after
 * each), from the Chinese template in lapse.notice.* (the English file
 * carries a translation for staff who read English; the printed notice
 * follows the UI language).
 */
export function NoticeBatch({ rows, stationName, phone, day }: NoticeBatchProps) {
  const { t } = useTranslation();
  return (
    <div className="lapse-notices" data-testid="lapse-notices" data-count={rows.length}>
      {rows.map((r) => (
        <section key={r.personId} className="lapse-notice" data-testid="lapse-notice" data-person-id={r.personId}>
          <h2>{t('lapse.notice.title')}</h2>
          <p className="lapse-notice-to">{t('lapse.notice.to', { name: r.name, idNumber: r.idNumber })}</p>
          <p>{t('lapse.notice.intro')}</p>
          <table className="lapse-notice-grid">
            <thead>
              <tr>
                <th>{t('lapse.notice.scheme')}</th>
                <th>{t('lapse.notice.lastPaid')}</th>
                <th>{t('lapse.notice.unpaidSince')}</th>
                <th>{t('lapse.notice.months')}</th>
              </tr>
            </thead>
            <tbody>
              {r.lapse.schemes.map((s) => (
                <tr key={s.scheme} data-testid="lapse-notice-scheme">
                  <td>{t(`schemes.${s.scheme}`)}</td>
                  <td>{s.lastPaid ?? t('lapse.notice.never')}</td>
                  <td>{t('lapse.notice.range', { from: s.since, to: s.through })}</td>
                  <td>{s.yearly ? t('lapse.notice.years', { count: s.monthsUnpaid / 12 }) : t('lapse.notice.monthCount', { count: s.monthsUnpaid })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.lapse.pension && r.lapse.pension.monthsShort > 0 ? (
            <p>{t('lapse.notice.short', { paid: r.lapse.pension.monthsPaid, minimum: r.lapse.pension.minimumMonths, short: r.lapse.pension.monthsShort })}</p>
          ) : null}
          <p>{t('lapse.notice.consequence')}</p>
          <p>{t('lapse.notice.bring', { station: stationName })}</p>
          <ol>
            <li>{t('lapse.notice.bringId')}</li>
            <li>{t('lapse.notice.bringCard')}</li>
            <li>{t('lapse.notice.bringNotice')}</li>
          </ol>
          <p>{t('lapse.notice.ignore')}</p>
          <p data-testid="lapse-notice-phone">{t('lapse.notice.phone', { phone })}</p>
          <div className="lapse-notice-sign">
            <div>{stationName}</div>
            <div>{day}</div>
          </div>
        </section>
      ))}
    </div>
  );
}
