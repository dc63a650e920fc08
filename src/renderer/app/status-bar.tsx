import { ClockCircleOutlined, CloudOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Badge, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../data/contract';
import { useData } from '../data/data-context';
import { errorText } from '../i18n/error-text';
import { currentLanguage, translateCode } from '../i18n/i18n';
import { clockWarning } from './clock-warning';
import { formatDateTime } from './format';
import { useObservable } from './use-observable';

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  pending: 0,
  lastSyncAt: null,
  errorCode: null,
};

/** Bottom bar: online/offline, changes waiting to sync, last successful sync, and "sync now". */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const status = useObservable(data.sync.status$, INITIAL_SYNC_STATUS);
  const clock = clockWarning(useObservable(data.sync.clockSkewMs$, null));
  const [busy, setBusy] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const last = formatDateTime(status.lastSyncAt, lang);

  const syncNow = async (): Promise<void> => {
    setBusy(true);
    try {
      await data.sync.syncNow();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size="large" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space size="large" wrap>
        <span data-testid="status-online" data-state={status.online ? 'online' : 'offline'}>
          {status.online ? (
            <Badge status="success" text={<><CloudOutlined /> {t('status.online')}</>} />
          ) : (
            <Badge status="default" text={<><DisconnectOutlined /> {t('status.offline')}</>} />
          )}
        </span>
        <span data-testid="status-pending" data-count={status.pending}>
          {status.pending > 0 ? (
            <Typography.Text type="warning">{t('status.pending', { count: status.pending })}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('status.nothingPending')}</Typography.Text>
          )}
        </span>
        <span data-testid="status-last-sync" data-value={status.lastSyncAt ?? ''}>
          <Typography.Text type="secondary">{last ? t('status.lastSync', { time: last }) : t('status.neverSynced')}</Typography.Text>
        </span>
        {status.state === 'syncing' ? (
          <Typography.Text data-testid="status-syncing" type="secondary">
            <SyncOutlined spin /> {t('status.syncing')}
          </Typography.Text>
        ) : null}
        {clock ? (
          <Tooltip title={t('clock.hint')}>
            <Typography.Text data-testid="status-clock" data-minutes={clock.minutes} data-ahead={String(clock.ahead)} type="danger" strong>
              <ClockCircleOutlined /> {t(clock.ahead ? 'clock.ahead' : 'clock.behind', { minutes: clock.minutes })}
            </Typography.Text>
          </Tooltip>
        ) : null}
        {status.state === 'error' && status.errorCode ? (
          <Tooltip title={translateCode(t, status.errorCode)}>
            <Typography.Text data-testid="status-error" type="danger">
              {t('status.error')}
            </Typography.Text>
          </Tooltip>
        ) : null}
      </Space>
      <Button
        size="small"
        icon={<SyncOutlined />}
        data-testid="sync-now"
        loading={busy}
        disabled={!status.online}
        onClick={() => {
          void syncNow();
        }}
      >
        {t('status.syncNow')}
      </Button>
    </Space>
  );
}
