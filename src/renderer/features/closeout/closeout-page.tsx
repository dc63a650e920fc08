import { CalendarOutlined, LeftOutlined, LockOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { nextDay } from '../../../shared/closeout/closeout-days';
import { todayInChina } from '../../../shared/id-number';
import { chinaDateTime } from './closeout-format';
import { useSession } from '../../app/session-context';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { currentLanguage } from '../../i18n/i18n';
import { selectPlatform } from '../../platform/select-platform';
import { yuanText } from '../payments/payment-format';
import { CloseoutHistory } from './closeout-history';
import { CloseoutSheet } from './closeout-sheet';
import { useCloseoutDay } from './use-closeout-day';
import './closeout.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const prevDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * 日结 (#/closeout?day=YYYY-MM-DD, default today in China): the operator's
 * working day with its totals, the close button (confirmed in a dialog),
 * the printable 日结单, and the station's past close-outs. The day lives in
 * the URL so a reload or a link opens the same day.
 */
export function CloseoutPage() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const { operator } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('day') ?? '';
  const day = DAY.test(raw) ? raw : todayInChina();
  const state = useCloseoutDay(day, operator.id);
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const today = todayInChina();

  const openDay = (d: string): void => {
    setParams({ day: d });
  };

  const close = async (): Promise<void> => {
    setClosing(true);
    try {
      await data.closeouts.close(day);
      setConfirming(false);
      void message.success(t('closeout.closedMessage', { day }));
    } catch (e) {
      setConfirming(false);
      void message.error(errorText(t, e));
    } finally {
      setClosing(false);
    }
  };

  const print = async (): Promise<void> => {
    try {
      await selectPlatform().print();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  const view = state.status === 'ready' ? state.view : null;
  const closed = view?.closeout ?? null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card className="no-print" size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="closeout-title">
            {t('closeout.title')}
          </Typography.Title>
          <Button icon={<LeftOutlined />} data-testid="closeout-prev-day" aria-label={t('closeout.prevDay')} onClick={() => { openDay(prevDay(day)); }} />
          <DatePicker
            data-testid="closeout-day"
            allowClear={false}
            suffixIcon={<CalendarOutlined />}
            value={dayjs(day, 'YYYY-MM-DD')}
            onChange={(d) => {
              if (d) openDay(d.format('YYYY-MM-DD'));
            }}
          />
          <Button icon={<RightOutlined />} data-testid="closeout-next-day" aria-label={t('closeout.nextDay')} onClick={() => { openDay(nextDay(day)); }} />
          {day !== today ? (
            <Button type="link" data-testid="closeout-today" onClick={() => { openDay(today); }}>
              {t('closeout.today')}
            </Button>
          ) : null}
          {closed ? (
            <Tag color="green" icon={<LockOutlined />} data-testid="closeout-status" data-closed="true">
              {t('closeout.closedAt', { time: chinaDateTime(closed.createdAt, lang) })}
            </Tag>
          ) : view ? (
            <Tag color="orange" data-testid="closeout-status" data-closed="false">{t('closeout.open')}</Tag>
          ) : null}
          <Button
            type="primary"
            icon={<LockOutlined />}
            data-testid="closeout-close"
            disabled={!view || closed !== null || day > today}
            title={day > today ? t('errors.closeout.futureDay') : undefined}
            onClick={() => { setConfirming(true); }}
          >
            {t('closeout.close')}
          </Button>
          <Button icon={<PrinterOutlined />} data-testid="closeout-print" disabled={!view} onClick={() => void print()}>
            {t('closeout.print')}
          </Button>
        </Space>
      </Card>

      {closed ? (
        <Alert
          className="no-print"
          type="info"
          showIcon
          data-testid="closeout-locked-note"
          title={t('closeout.lockedNote', { next: nextDay(day) })}
          action={
            <Button size="small" data-testid="closeout-open-next" onClick={() => { openDay(nextDay(day)); }}>
              {t('closeout.openNext')}
            </Button>
          }
        />
      ) : null}

      {state.status === 'loading' ? <Spin data-testid="closeout-loading" /> : null}
      {state.status === 'error' ? <Result status="error" data-testid="closeout-error" title={errorText(t, state.error)} /> : null}
      {view ? <CloseoutSheet view={view} /> : null}

      <Card className="no-print" size="small" title={t('closeout.history')}>
        <CloseoutHistory onOpen={openDay} />
      </Card>

      <Modal
        open={confirming}
        title={t('closeout.confirmTitle', { day, name: operator.name })}
        okText={t('closeout.confirmOk')}
        cancelText={t('common.cancel')}
        confirmLoading={closing}
        onOk={() => void close()}
        onCancel={() => { setConfirming(false); }}
        okButtonProps={{ ...{ 'data-testid': 'closeout-confirm-ok' } }}
        cancelButtonProps={{ ...{ 'data-testid': 'closeout-confirm-cancel' } }}
        data-testid="closeout-confirm"
      >
        {view ? (
          <Typography.Paragraph data-testid="closeout-confirm-text">
            {t('closeout.confirmText', {
              count: view.records.length,
              taken: yuanText(view.totals.takenFen),
              returned: yuanText(view.totals.returnedFen),
              next: nextDay(day),
            })}
          </Typography.Paragraph>
        ) : null}
      </Modal>
    </Space>
  );
}
