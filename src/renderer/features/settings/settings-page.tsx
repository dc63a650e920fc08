import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-context';
import { LanguageSwitch } from './language-switch';

declare const __APP_VERSION__: string;

/** 设置: language, this device and station, app version. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 800 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('settings.title')}</Typography.Title>
      <Card title={t('settings.language')} size="small">
        <LanguageSwitch />
      </Card>
      <Card title={t('settings.device')} size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('settings.city')}>{session.cityName}</Descriptions.Item>
          <Descriptions.Item label={t('settings.station')}>
            <span data-testid="settings-station">{`${session.stationName} (${session.stationCode})`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.deviceNo')}>{session.deviceNo}</Descriptions.Item>
          <Descriptions.Item label={t('settings.deviceId')}>
            <Typography.Text code>{session.deviceId}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.server')}>{session.serverUrl}</Descriptions.Item>
          <Descriptions.Item label={t('settings.version')}>
            <span data-testid="app-version">{__APP_VERSION__}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
