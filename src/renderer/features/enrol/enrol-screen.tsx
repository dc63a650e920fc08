import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../data/contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { selectPlatform } from '../../platform/select-platform';
import { LanguageSwitch } from '../settings/language-switch';

interface EnrolValues {
  serverUrl: string;
  stationCode: string;
  enrolmentCode: string;
  deviceName: string;
}

/** In web mode the page comes from the sync server itself, so its origin is the server's URL. */
function defaultServerUrl(): string {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : '';
}

/** First run: enrol this device at the centre with the station code and the one-time enrolment code. */
export function EnrolScreen({ onEnrolled }: { readonly onEnrolled: (s: DeviceSession) => void }) {
  const { t } = useTranslation();
  const data = useData();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<EnrolValues>();

  // Under Electron (app://) the page has no server origin: ask the platform for the configured URL.
  useEffect(() => {
    if (defaultServerUrl() !== '') return;
    let live = true;
    selectPlatform()
      .serverUrl()
      .then(
        (url) => {
          if (live && !form.getFieldValue('serverUrl')) form.setFieldValue('serverUrl', url);
        },
        () => undefined, // no configured URL: the clerk types it
      );
    return () => {
      live = false;
    };
  }, [form]);

  const enrol = async (v: EnrolValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const session = await data.enrol(v.serverUrl.trim().replace(/\/+$/, ''), v.stationCode.trim(), v.enrolmentCode.trim(), v.deviceName.trim());
      onEnrolled(session);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 480 }} title={t('enrol.title')} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
        <Form<EnrolValues>
          form={form}
          layout="vertical"
          initialValues={{ serverUrl: defaultServerUrl(), stationCode: '', enrolmentCode: '', deviceName: '' }}
          onFinish={(v) => {
            void enrol(v);
          }}
          requiredMark
        >
          <Form.Item
            label={t('enrol.serverUrl')}
            name="serverUrl"
            rules={[
              { required: true, message: t('enrol.serverUrlRequired') },
              { pattern: /^https?:\/\/[^\s/]+/, message: t('enrol.serverUrlFormat') },
            ]}
          >
            <Input data-testid="enrol-server-url" autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('enrol.stationCode')} name="stationCode" rules={[{ required: true, whitespace: true, message: t('enrol.stationCodeRequired') }]}>
            <Input data-testid="enrol-station-code" autoComplete="off" autoFocus />
          </Form.Item>
          <Form.Item label={t('enrol.code')} name="enrolmentCode" rules={[{ required: true, whitespace: true, message: t('enrol.codeRequired') }]}>
            <Input data-testid="enrol-code" autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('enrol.deviceName')}
            name="deviceName"
            extra={t('enrol.deviceNameHint')}
            rules={[{ required: true, whitespace: true, message: t('enrol.deviceNameRequired') }]}
          >
            <Input data-testid="enrol-device-name" autoComplete="off" maxLength={50} />
          </Form.Item>
          {error ? <Alert data-testid="enrol-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="enrol-submit">
            {t('enrol.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
