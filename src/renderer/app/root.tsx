import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Boot } from './boot';
import { ErrorBoundary } from './error-boundary';

/** Providers: antd follows the UI language (its own texts, date pickers); errors are caught at the top. */
export function Root() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(en ? 'en' : 'zh-cn');
  }, [en]);
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}>
      <AntApp>
        <ErrorBoundary>
          <Boot />
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
