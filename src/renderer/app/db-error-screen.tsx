import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataError } from '../data/contract';
import { errorText } from '../i18n/error-text';

/**
 * Shown when the local database cannot be opened or written (quota,
 * corruption, blocked by another window). It explains and offers to retry,
 * and deliberately offers nothing that deletes data: what is stored must
 * survive until someone who can recover it has looked.
 */
export function DbErrorScreen({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof DataError ? error.code : null;
  return (
    <Result
      status="error"
      data-testid="db-error"
      data-code={code ?? ''}
      title={t('dbError.title')}
      subTitle={errorText(t, error)}
      extra={onRetry ? <Button type="primary" onClick={onRetry} data-testid="db-error-retry">{t('dbError.retry')}</Button> : null}
    >
      <Typography.Paragraph>{t('dbError.safe')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{code === 'db.quota' ? t('dbError.quotaHint') : t('dbError.hint')}</Typography.Paragraph>
    </Result>
  );
}
