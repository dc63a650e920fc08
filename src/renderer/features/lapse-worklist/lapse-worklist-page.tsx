import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/id-number';
import { lapseCounts, matchesFilter, sortRows, type LapseSortKey } from '../../../shared/lapse';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { LapseFilter, LapseRow, LapseSort, LapseWorklist } from '../../data/lapse-contract';
import { errorText } from '../../i18n/error-text';
import { selectPlatform } from '../../platform/select-platform';
import { maskIdNumber } from '../payments/payment-format';
import { ContactModal } from './contact-modal';
import { DueFollowUps } from './due-follow-ups';
import { LapseFilters } from './lapse-filters';
import { worklistXlsx, XLSX_MIME } from './lapse-export';
import { NoticeBatch } from './notice-batch';
import { useTownNames } from './use-town-names';
import './lapse.css';

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

const yearsMonths = (t: (k: string, o?: Record<string, unknown>) => string, months: number): string =>
  t('lapse.yearsMonths', { years: Math.floor(months / 12), months: months % 12 });

/**
 * #/lapsed (断缴名单, issue 4 §1–§2): everyone of the station whose
 * contributions lapsed, filtered and sorted in memory (the whole list is
 * one computed snapshot), exported to .xlsx, reached by contact log and
 * printed reminder notices.
 */
export function LapseWorklistPage() {
  const { t } = useTranslation();
  const data = useData();
  const { session } = useSession();
  const { message } = App.useApp();
  const worklist$ = useMemo(() => data.lapses.worklist(), [data]);
  const worklist = useObservable<LapseWorklist | null>(worklist$, null);
  const noticeCounts = useObservable<ReadonlyMap<string, number>>(useMemo(() => data.notices.counts(), [data]), NO_COUNTS);
  const rows = useMemo(() => worklist?.rows ?? [], [worklist]);
  const [filter, setFilter] = useState<LapseFilter>({});
  const [sort, setSort] = useState<LapseSort>({ key: 'monthsUnpaid', order: 'desc' });
  const [selected, setSelected] = useState<string[]>([]);
  const [contactFor, setContactFor] = useState<{ personId: string; name: string } | null>(null);
  const [askPhone, setAskPhone] = useState(false);
  const [phone, setPhone] = useState('');
  const [notices, setNotices] = useState<{ rows: LapseRow[]; phone: string; day: string } | null>(null);
  const townName = useTownNames(useMemo(() => rows.map((r) => r.townCode), [rows]));
  const towns = useMemo(() => [...new Set(rows.map((r) => r.townCode).filter((c) => c !== ''))].sort().map((code) => ({ code, name: townName(code) })), [rows, townName]);
  const shown = useMemo(() => sortRows(rows.filter((r) => matchesFilter(r, filter)), sort), [rows, filter, sort]);
  const counts = lapseCounts(shown);
  const selectedRows = shown.filter((r) => selected.includes(r.personId));

  // Print once the batch is on the page (the print CSS shows only the notices).
  useEffect(() => {
    if (!notices) return;
    selectPlatform().print().catch((e: unknown) => void message.error(errorText(t, e)));
  }, [notices, message, t]);

  const exportXlsx = async (): Promise<void> => {
    try {
      const bytes = await worklistXlsx(shown, t, townName);
      await selectPlatform().saveFile(t('lapse.xlsx.fileName', { station: session.stationName, month: worklist?.month ?? '' }), bytes, XLSX_MIME);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  const sortOrder = (key: LapseSortKey): 'ascend' | 'descend' | null => (sort.key === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const onTableChange: TableProps<LapseRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (s?.columnKey && s.order) setSort({ key: s.columnKey as LapseSortKey, order: s.order === 'ascend' ? 'asc' : 'desc' });
    else setSort({ key: 'monthsUnpaid', order: 'desc' });
  };
  const sortable = (key: LapseSortKey) => ({ key, sorter: true, sortOrder: sortOrder(key), sortDirections: ['descend', 'ascend'] as Array<'descend' | 'ascend'> });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="lapse-title">{t('lapse.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('lapse.asOf', { month: worklist?.month ?? '…' })}</Typography.Text>
      </Space>
      <Alert className="no-print" type="info" showIcon title={t('lapse.intro')} />
      <DueFollowUps onOpen={setContactFor} />
      <Card size="small" className="no-print">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <LapseFilters value={filter} onChange={setFilter} towns={towns} />
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text data-testid="lapse-count" data-count={counts.people} data-total={rows.length}>
              {worklist ? t('lapse.count', { count: counts.people, total: rows.length, short: counts.short, near: counts.nearRetirement }) : t('lapse.loading')}
            </Typography.Text>
            <Space>
              <Button icon={<FileExcelOutlined />} data-testid="lapse-export" disabled={shown.length === 0} onClick={() => void exportXlsx()}>
                {t('lapse.export')}
              </Button>
              <Button icon={<PrinterOutlined />} data-testid="lapse-notices-open" disabled={selectedRows.length === 0} onClick={() => { setAskPhone(true); }}>
                {t('lapse.printNotices', { count: selectedRows.length })}
              </Button>
            </Space>
          </Space>
          <Table<LapseRow>
            data-testid="lapse-table"
            size="small"
            rowKey="personId"
            dataSource={shown}
            loading={worklist === null}
            onChange={onTableChange}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => { setSelected(keys.map(String)); }, getCheckboxProps: (r) => ({ 'data-testid': `lapse-select-${r.personId}` }) as object }}
            locale={{ emptyText: <span data-testid="lapse-empty">{t('lapse.empty')}</span> }}
            onRow={(r) => ({ 'data-testid': 'lapse-row', 'data-person-id': r.personId, 'data-months': r.lapse.monthsUnpaid }) as HTMLAttributes<HTMLElement>}
            columns={[
              { ...sortable('name'), title: t('lapse.col.name'), render: (_, r) => <Link to={`/persons/${r.personId}`} data-testid="lapse-row-name">{r.name}</Link> },
              { key: 'id', title: t('lapse.col.idNumber'), render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{maskIdNumber(r.idNumber)}</span> },
              { key: 'town', title: t('lapse.col.town'), render: (_, r) => (r.townCode ? townName(r.townCode) : '—') },
              {
                key: 'schemes', title: t('lapse.col.schemes'),
                render: (_, r) => <Space orientation="vertical" size={0}>{r.lapse.schemes.map((s) => <span key={s.scheme}>{t(`schemes.${s.scheme}`)}{s.status === 'lapsed' ? <Tag style={{ marginLeft: 4 }}>{t('lapse.recordedLapsed')}</Tag> : null}</span>)}</Space>,
              },
              { ...sortable('since'), title: t('lapse.col.since'), render: (_, r) => r.lapse.since },
              { ...sortable('monthsUnpaid'), title: t('lapse.col.months'), align: 'right', render: (_, r) => <span data-testid="lapse-row-months">{r.lapse.monthsUnpaid}</span> },
              { ...sortable('age'), title: t('lapse.col.age'), align: 'right', render: (_, r) => r.lapse.ageYears },
              { ...sortable('monthsShort'), title: t('lapse.col.short'), render: (_, r) => (r.lapse.pension ? (r.lapse.pension.monthsShort > 0 ? yearsMonths(t, r.lapse.pension.monthsShort) : t('lapse.reached')) : '—') },
              {
                ...sortable('monthsToRetirement'), title: t('lapse.col.retirement'),
                render: (_, r) => (r.lapse.pension ? <span>{r.lapse.pension.retirementMonth}{r.lapse.nearRetirement ? <Tag color="orange" style={{ marginLeft: 4 }}>{t('lapse.near')}</Tag> : null}</span> : '—'),
              },
              {
                key: 'contact', title: t('lapse.col.lastContact'),
                render: (_, r) => {
                  const c = worklist?.lastContact.get(r.personId);
                  return c ? `${c.createdAt.slice(0, 10)} ${t(`lapse.outcome.${c.outcome}`)}` : '—';
                },
              },
              {
                key: 'notices', title: t('resumption.notices.col'), align: 'right',
                render: (_, r) => <span data-testid="lapse-row-notices" data-count={noticeCounts.get(r.personId) ?? 0}>{noticeCounts.get(r.personId) ?? 0}</span>,
              },
              {
                key: 'actions', title: '',
                render: (_, r) => (
                  <Space size={4}>
                    <Button size="small" data-testid="lapse-row-contact" onClick={() => { setContactFor({ personId: r.personId, name: r.name }); }}>{t('lapse.logContact')}</Button>
                    <Link to={`/persons/${r.personId}/resume`} data-testid="lapse-row-resume">{t('lapse.resume')}</Link>
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      </Card>
      {notices ? (
        <Card size="small" title={<span className="no-print">{t('lapse.noticePreview', { count: notices.rows.length })}</span>}
          extra={<Space className="no-print"><Button icon={<PrinterOutlined />} data-testid="lapse-notices-reprint" onClick={() => void selectPlatform().print()}>{t('lapse.print')}</Button><Button data-testid="lapse-notices-close" onClick={() => { setNotices(null); }}>{t('lapse.closePreview')}</Button></Space>}
          styles={{ body: { padding: 0 } }} variant="borderless">
          <NoticeBatch rows={notices.rows} stationName={session.stationName} phone={notices.phone} day={notices.day} />
        </Card>
      ) : null}
      {askPhone ? (
        <Modal
          open title={t('lapse.noticeTitle', { count: selectedRows.length })} onCancel={() => { setAskPhone(false); }}
          okText={t('lapse.print')} cancelText={t('lapse.cancel')} okButtonProps={{ disabled: phone.trim() === '', 'data-testid': 'lapse-notice-print' }}
          onOk={() => {
            setAskPhone(false);
            // Each printed notice is recorded (ADR 017: DOMAIN §10 counts them); a reprint is no new notice.
            const batch = selectedRows;
            data.notices
              .recordBatch(batch.map((r) => ({ personId: r.personId, schemes: r.lapse.schemes.map((s) => s.scheme), monthsUnpaid: r.lapse.monthsUnpaid, since: r.lapse.since })))
              .then(() => { setNotices({ rows: batch, phone: phone.trim(), day: todayInChina() }); })
              .catch((e: unknown) => void message.error(errorText(t, e)));
          }}
        >
          <Typography.Paragraph>{t('lapse.noticePhoneHint')}</Typography.Paragraph>
          <Input data-testid="lapse-notice-phone-input" value={phone} maxLength={40} placeholder={t('lapse.noticePhone')} onChange={(e) => { setPhone(e.target.value); }} />
        </Modal>
      ) : null}
      {contactFor ? <ContactModal person={contactFor} onClose={() => { setContactFor(null); }} /> : null}
    </Space>
  );
}
