import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../shared/payment';
import type { CloseoutTotals } from '../../../shared/records';
import type { StaffRef } from '../../../shared/sync-protocol';
import { chinaDateTime } from './closeout-format';
import { useSession } from '../../app/session-context';
import type { CloseoutDay } from '../../data/closeout-contract';
import { currentLanguage } from '../../i18n/i18n';
import { yuanText } from '../payments/payment-format';

/** Money out of the drawer shows negative on the sheet; taken money positive. */
const signedFen = (p: Payment): number => (p.kind === 'reversal' || p.kind === 'refund' ? -p.paidFen : p.paidFen);

interface AmountRowProps {
  readonly testId: string;
  readonly attr: Record<string, string>;
  readonly label: string;
  readonly row: { readonly count: number; readonly takenFen: number; readonly returnedFen: number };
}

function AmountRow({ testId, attr, label, row }: AmountRowProps) {
  const net = row.takenFen - row.returnedFen;
  return (
    <tr data-testid={testId} {...attr} data-count={row.count} data-taken={row.takenFen} data-returned={row.returnedFen} data-net={net}>
      <td>{label}</td>
      <td className="num">{row.count}</td>
      <td className="num">{yuanText(row.takenFen)}</td>
      <td className="num">{yuanText(row.returnedFen)}</td>
      <td className="num">{yuanText(net)}</td>
    </tr>
  );
}

function totalRow(t: CloseoutTotals): { count: number; takenFen: number; returnedFen: number } {
  return { count: t.byMethod.reduce((n, r) => n + r.count, 0), takenFen: t.takenFen, returnedFen: t.returnedFen };
}

/**
 * The 日结单: what the clerk prints and signs at the end of the day. All
 * figures come from CloseoutDay.totals (frozen once closed); the record
 * list shows the day's records this device holds.
 */
export function CloseoutSheet({ view }: { readonly view: CloseoutDay }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const { totals, closeout, records } = view;
  const staffName = (id: string | null): string => (id === null ? '—' : (session.staff.find((s: StaffRef) => s.id === id)?.name ?? id));
  const corrections = records.filter((p) => p.kind === 'reversal' || p.kind === 'refund');
  const header = (
    <tr>
      <th>{t('closeout.col.item')}</th>
      <th className="num">{t('closeout.col.count')}</th>
      <th className="num">{t('closeout.col.taken')}</th>
      <th className="num">{t('closeout.col.returned')}</th>
      <th className="num">{t('closeout.col.net')}</th>
    </tr>
  );
  const all = totalRow(totals);

  return (
    <div className="closeout-sheet" data-testid="closeout-sheet" data-closed={closeout ? 'true' : 'false'}>
      <h2>{t('closeout.sheetTitle')}</h2>
      <table className="closeout-grid closeout-head">
        <tbody>
          <tr>
            <th>{t('closeout.station')}</th>
            <td>{session.stationName}</td>
            <th>{t('closeout.staff')}</th>
            <td data-testid="closeout-staff">{view.staff.name}</td>
          </tr>
          <tr>
            <th>{t('closeout.day')}</th>
            <td data-testid="closeout-sheet-day">{view.day}</td>
            <th>{t('closeout.state')}</th>
            <td>{closeout ? t('closeout.closedAt', { time: chinaDateTime(closeout.createdAt, lang) }) : t('closeout.open')}</td>
          </tr>
        </tbody>
      </table>

      <table className="closeout-grid">
        <tbody>
          <tr>
            <th>{t('closeout.taken')}</th>
            <td className="num" data-testid="closeout-taken" data-fen={totals.takenFen}>{yuanText(totals.takenFen)}</td>
            <th>{t('closeout.returned')}</th>
            <td className="num" data-testid="closeout-returned" data-fen={totals.returnedFen}>{yuanText(totals.returnedFen)}</td>
            <th>{t('closeout.net')}</th>
            <td className="num" data-testid="closeout-net" data-fen={totals.takenFen - totals.returnedFen}>{yuanText(totals.takenFen - totals.returnedFen)}</td>
          </tr>
          <tr>
            <th>{t('closeout.receiptRange')}</th>
            <td colSpan={3}>
              <span data-testid="closeout-receipt-from">{totals.receiptFrom ?? '—'}</span>
              {' ~ '}
              <span data-testid="closeout-receipt-to">{totals.receiptTo ?? '—'}</span>
            </td>
            <th>{t('closeout.declared')}</th>
            <td className="num" data-testid="closeout-declared" data-count={totals.declaredCount} data-fen={totals.declaredFen}>
              {t('closeout.declaredText', { count: totals.declaredCount, amount: yuanText(totals.declaredFen) })}
            </td>
          </tr>
          <tr>
            <th>{t('closeout.voided')}</th>
            <td colSpan={5} data-testid="closeout-voided" data-count={totals.voidedReceipts.length}>
              {totals.voidedReceipts.length === 0 ? t('closeout.none') : totals.voidedReceipts.map((no) => (
                <span key={no} className="closeout-voided-no" data-testid="closeout-voided-item">{no}</span>
              ))}
            </td>
          </tr>
        </tbody>
      </table>

      <h3>{t('closeout.byMethod')}</h3>
      <table className="closeout-grid" data-testid="closeout-by-method">
        <thead>{header}</thead>
        <tbody>
          {totals.byMethod.map((r) => (
            <AmountRow key={r.method} testId="closeout-method-row" attr={{ 'data-method': r.method }} label={t(`methods.${r.method}`)} row={r} />
          ))}
          <AmountRow testId="closeout-method-total" attr={{}} label={t('closeout.total')} row={all} />
        </tbody>
      </table>

      <h3>{t('closeout.byScheme')}</h3>
      <table className="closeout-grid" data-testid="closeout-by-scheme">
        <thead>{header}</thead>
        <tbody>
          {totals.byScheme.map((r) => (
            <AmountRow key={r.scheme} testId="closeout-scheme-row" attr={{ 'data-scheme': r.scheme }} label={t(`schemes.${r.scheme}`)} row={r} />
          ))}
          <AmountRow testId="closeout-scheme-total" attr={{}} label={t('closeout.total')} row={all} />
        </tbody>
      </table>

      <h3>{t('closeout.corrections', { reversals: totals.reversalIds.length, refunds: totals.refundIds.length })}</h3>
      {corrections.length === 0 ? (
        <p data-testid="closeout-corrections-empty">{t('closeout.none')}</p>
      ) : (
        <table className="closeout-grid" data-testid="closeout-corrections">
          <thead>
            <tr>
              <th>{t('closeout.col.kind')}</th>
              <th>{t('closeout.col.scheme')}</th>
              <th>{t('closeout.col.method')}</th>
              <th className="num">{t('closeout.col.amount')}</th>
              <th>{t('closeout.col.reason')}</th>
              <th>{t('closeout.col.approvedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((p) => (
              <tr key={p.id} data-testid="closeout-correction-row" data-kind={p.kind} data-payment-id={p.id}>
                <td>{t(`closeout.kinds.${p.kind}`)}</td>
                <td>{t(`schemes.${p.scheme}`)}</td>
                <td>{p.method ? t(`methods.${p.method}`) : '—'}</td>
                <td className="num">{yuanText(p.paidFen)}</td>
                <td>{p.reason ?? '—'}</td>
                <td>{staffName(p.approvedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('closeout.records', { count: records.length })}</h3>
      <table className="closeout-grid closeout-records" data-testid="closeout-records">
        <thead>
          <tr>
            <th>{t('closeout.col.time')}</th>
            <th>{t('closeout.col.kind')}</th>
            <th>{t('closeout.col.scheme')}</th>
            <th>{t('closeout.col.receipt')}</th>
            <th>{t('closeout.col.method')}</th>
            <th className="num">{t('closeout.col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((p) => (
            <tr key={p.id} data-testid="closeout-record-row" data-payment-id={p.id} data-kind={p.kind} data-fen={signedFen(p)}>
              <td>{chinaDateTime(p.createdAt, lang)}</td>
              <td>{t(`closeout.kinds.${p.kind}`)}{p.channel === 'declared' ? t('closeout.declaredMark') : ''}</td>
              <td>{t(`schemes.${p.scheme}`)}</td>
              <td>{p.receiptNo ?? '—'}</td>
              <td>{p.method ? t(`methods.${p.method}`) : '—'}</td>
              <td className="num">{p.kind === 'void_receipt' ? '—' : yuanText(signedFen(p))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="closeout-signatures">
        <span>{t('closeout.signClerk')}</span>
        <span>{t('closeout.signReviewer')}</span>
        <span>{t('closeout.signDate')}</span>
      </div>
    </div>
  );
}
