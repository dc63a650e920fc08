import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Result, Space, Spin } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MonthRange, PersonStatement } from '../../../shared/contributions/statement';
import { todayInChina } from '../../../shared/id-number';
import type { Person } from '../../../shared/person';
import { SCHEMES, type Scheme } from '../../../shared/policy/schemes';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { selectPlatform } from '../../platform/select-platform';
import { maskIdNumber, rateText, yuanText } from '../payments/payment-format';
import './statement.css';

const LOADING = Symbol('loading');

const isScheme = (s: string): s is Scheme => (SCHEMES as readonly string[]).includes(s);

/**
 * #/persons/:id/statement/:scheme — 对账单 (issue 3 §8): months paid, the
 * personal account by year (credits, interest at that year's rate,
 * balance), printable on one sheet with signature lines. Live: a synced
 * payment or a newly published rate shows at once.
 */
export function StatementPage() {
  const { t } = useTranslation();
  const { id = '', scheme = '' } = useParams();
  const data = useData();
  const { session } = useSession();
  const { message } = App.useApp();
  const valid = isScheme(scheme);
  const person$ = useMemo(() => data.persons.observe(id), [data, id]);
  const person = useObservable<Person | null | typeof LOADING>(person$, LOADING);
  const statement$ = useMemo(() => data.statements.forPersonScheme(id, valid ? scheme : 'employee_pension'), [data, id, scheme, valid]);
  const statement = useObservable<PersonStatement | typeof LOADING>(statement$, LOADING);

  if (!valid) return <Result status="404" title={t('detail.notFound')} extra={<Link to={`/persons/${id}`}>{t('statement.back')}</Link>} />;
  if (person === LOADING || statement === LOADING) return <Spin />;
  if (person === null) return <Result status="404" title={t('detail.notFound')} extra={<Link to="/persons">{t('detail.backToList')}</Link>} />;

  const print = async (): Promise<void> => {
    try {
      await selectPlatform().print();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  const ranges = (rs: readonly MonthRange[], testId: string) => (
    <span data-testid={testId} data-ranges={rs.map((r) => `${r.from}~${r.to}`).join(',')}>
      {rs.length === 0 ? t('statement.none') : rs.map((r) => t('statement.rangeText', { from: r.from, to: r.to, count: r.months })).join('；')}
    </span>
  );
  const paidMonths = statement.paidRanges.reduce((s, r) => s + r.months, 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print">
        <Button type="primary" icon={<PrinterOutlined />} data-testid="statement-print" onClick={() => void print()}>
          {t('statement.print')}
        </Button>
        <Link to={`/persons/${id}`} data-testid="statement-back">{t('statement.back')}</Link>
      </Space>
      <div className="statement-sheet" data-testid="statement-sheet" data-scheme={scheme}>
        <h2>{t('statement.title')}</h2>
        <table>
          <tbody>
            <tr>
              <th>{t('statement.person')}</th>
              <td data-testid="statement-name">{person.name}</td>
              <th>{t('statement.idNumber')}</th>
              <td>{maskIdNumber(person.idNumber)}</td>
            </tr>
            <tr>
              <th>{t('statement.scheme')}</th>
              <td>{t(`schemes.${scheme}`)}</td>
              <th>{t('statement.asOf')}</th>
              <td>{todayInChina()}</td>
            </tr>
            <tr>
              <th>{t('statement.station')}</th>
              <td colSpan={3}>{session.stationName}</td>
            </tr>
            <tr>
              <th>{t('statement.paidMonths')}</th>
              <td colSpan={3}>
                {ranges(statement.paidRanges, 'statement-paid-ranges')}
                {paidMonths > 0 ? <div className="statement-note">{t('statement.totalMonths', { count: paidMonths })}</div> : null}
              </td>
            </tr>
            {statement.pendingRanges.length > 0 ? (
              <tr>
                <th>{t('statement.pendingMonths')}</th>
                <td colSpan={3}>{ranges(statement.pendingRanges, 'statement-pending-ranges')}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {statement.years.length === 0 ? (
          <p data-testid="statement-empty">{t('statement.empty')}</p>
        ) : (
          <table data-testid="statement-years">
            <thead>
              <tr>
                <th>{t('statement.colYear')}</th>
                <th className="num">{t('statement.colOpening')}</th>
                <th className="num">{t('statement.colCredits')}</th>
                <th className="num">{t('statement.colRate')}</th>
                <th className="num">{t('statement.colInterest')}</th>
                <th className="num">{t('statement.colClosing')}</th>
              </tr>
            </thead>
            <tbody>
              {statement.years.map((y) => (
                <tr key={y.year} data-testid="statement-year" data-year={y.year}>
                  <td>{y.year}</td>
                  <td className="num">{yuanText(y.openingFen)}</td>
                  <td className="num" data-testid="statement-year-credits" data-fen={y.creditsFen}>{yuanText(y.creditsFen)}</td>
                  <td className="num">{y.rate ? rateText(y.rate) : y.rateMissing ? t('statement.rateMissing') : t('statement.openYear')}</td>
                  <td className="num" data-testid="statement-year-interest" data-fen={y.interestFen ?? ''}>
                    {y.interestFen === null ? '—' : yuanText(y.interestFen)}
                  </td>
                  <td className="num" data-testid="statement-year-closing" data-fen={y.closingFen}>{yuanText(y.closingFen)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('statement.balance')}</th>
                <td className="num" />
                <td className="num" data-testid="statement-total-credits" data-fen={statement.totalCreditsFen}>{yuanText(statement.totalCreditsFen)}</td>
                <td className="num" />
                <td className="num" data-testid="statement-total-interest" data-fen={statement.totalInterestFen}>{yuanText(statement.totalInterestFen)}</td>
                <td className="num" data-testid="statement-balance" data-fen={statement.balanceFen}><strong>{yuanText(statement.balanceFen)}</strong></td>
              </tr>
            </tbody>
          </table>
        )}
        <p className="statement-note">{t('statement.method')}</p>
        {statement.interestIncomplete ? <p className="statement-note" data-testid="statement-incomplete">{t('statement.incomplete')}</p> : null}
        <div className="statement-signatures">
          <span>{t('statement.signature')}</span>
          <span>{t('statement.personSignature')}</span>
        </div>
      </div>
    </Space>
  );
}
