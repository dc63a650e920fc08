import { App, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Person } from '../../../shared/person';
import { formatDateTime } from '../../app/format';
import { useSession } from '../../app/session-context';
import type { PaymentView } from '../../data/contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { CorrectionPanel } from '../corrections/correction-panel';
import { currentLanguage } from '../../i18n/i18n';
import { ReceiptPdfActions } from '../receipt-pdf/receipt-pdf-actions';
import { capitalAmount } from './capital-amount';
import { maskIdNumber, yuanText } from './payment-format';
import './receipt.css';

type Loaded = { readonly view: PaymentView; readonly person: Person | null; readonly prints: number; readonly originalReceiptNo: string | null };

/**
 * The receipt (#/payments/<id>/receipt): the sheet on screen, and 打印 /
 * 下载 PDF, which issue it as a PDF (features/receipt-pdf). Each counts as a
 * print (a local document per payment): the second and later sheets carry
 * 副本 COPY, so a reprint can never pass for an original. The screen shows
 * what the next sheet will be.
 */
export function ReceiptPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const { session } = useSession();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null | 'loading'>('loading');
  // Bumped after a correction: the status is derived, so the view is read again.
  const [version, setVersion] = useState(0);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();

  useEffect(() => {
    let live = true;
    const load = async (): Promise<Loaded | null> => {
      const view = await data.payments.get(id);
      if (!view) return null;
      const { refId, kind } = view.payment;
      const original = kind === 'top_up' && refId !== null ? await data.payments.get(refId) : null;
      return {
        view, person: await data.persons.get(view.payment.personId), prints: await data.payments.printCount(id),
        originalReceiptNo: original?.payment.receiptNo ?? null,
      };
    };
    load().then(
      (result) => {
        if (live) setLoaded(result);
      },
      (e: unknown) => {
        if (live) void message.error(errorText(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [data, id, message, t, version]);

  if (loaded === 'loading') return <Spin />;
  if (loaded === null) return <Result status="404" title={t('receipt.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;
  const { view, person, prints, originalReceiptNo } = loaded;
  const p = view.payment;
  const clerk = session.staff.find((s) => s.id === p.staffId)?.name ?? p.staffId;
  // What the sheet shows now: after the first print, every sheet is a copy.
  const isCopy = prints >= 1;

  const row = (label: string, value: string, testId?: string) => (
    <tr>
      <th>{label}</th>
      <td data-testid={testId}>{value}</td>
    </tr>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print">
        <ReceiptPdfActions
          view={view}
          person={person}
          stationName={session.stationName}
          clerkName={clerk}
          originalReceiptNo={originalReceiptNo}
          onPrinted={(n) => {
            setLoaded({ ...loaded, prints: n });
          }}
        />
        <Link to={`/persons/${p.personId}`} data-testid="receipt-back">
          {t('receipt.back')}
        </Link>
        {prints > 0 ? <Typography.Text type="secondary">{t('receipt.printedTimes', { count: prints })}</Typography.Text> : null}
        <Tag data-testid="receipt-status" data-status={view.status}>{t(`payments.status.${view.status}`)}</Tag>
        <CorrectionPanel view={view} onChanged={() => { setVersion((v) => v + 1); }} />
      </Space>
      <div className="receipt-sheet" data-testid="receipt-sheet" data-copy={isCopy ? 'true' : 'false'}>
        {isCopy ? <div className="receipt-copy-mark" data-testid="receipt-copy">{t('receipt.copy')}</div> : null}
        <h2>{t('receipt.title')}</h2>
        <table className="receipt-grid">
          <tbody>
            {p.kind === 'top_up' ? row(t('receipt.kind'), t('receipt.topUpOf', { receiptNo: originalReceiptNo ?? '—' }), 'receipt-kind') : null}
            {row(t('receipt.station'), session.stationName, 'receipt-station')}
            {row(t('receipt.receiptNo'), p.receiptNo ?? t('receipt.declared'), 'receipt-no')}
            {row(t('receipt.name'), person?.name ?? '—', 'receipt-name')}
            {row(t('receipt.idNumber'), person ? maskIdNumber(person.idNumber) : '—', 'receipt-id')}
            {row(t('receipt.scheme'), t(`schemes.${p.scheme}`), 'receipt-scheme')}
            {row(
              t('receipt.months'),
              p.fromMonth && p.toMonth ? t('payments.monthsText', { from: p.fromMonth, to: p.toMonth, count: p.lines.reduce((n, l) => n + l.months, 0) }) : '—',
              'receipt-months',
            )}
            {row(t('receipt.lines'), p.lines.map((l) => `${l.fromMonth}~${l.toMonth} ${l.packVersion}: ${yuanText(l.dueNowFen)}`).join('；') || '—')}
            {row(t('receipt.amount'), t('receipt.yuan', { amount: yuanText(p.paidFen) }), 'receipt-amount')}
            {row(t('receipt.amountCapital'), capitalAmount(p.paidFen), 'receipt-amount-capital')}
            {row(t('receipt.method'), p.method ? t(`methods.${p.method}`) : '—', 'receipt-method')}
            {row(t('receipt.clerk'), clerk, 'receipt-clerk')}
            {row(t('receipt.date'), formatDateTime(p.createdAt, lang) ?? p.createdAt, 'receipt-date')}
          </tbody>
        </table>
      </div>
    </Space>
  );
}
