import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataError } from '../data/contract';
import { errorText } from '../i18n/error-text';
import { DbErrorScreen } from './db-error-screen';

interface State {
  readonly error: unknown;
  readonly failed: boolean;
}

/**
 * Catches render errors so one broken screen does not blank the whole
 * window. Database errors get the database screen (nothing is deleted);
 * anything else offers to reload, which loses no stored data either.
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ErrorFallback error={this.state.error} />;
  }
}

function ErrorFallback({ error }: { readonly error: unknown }) {
  const { t } = useTranslation();
  const reload = (): void => {
    location.reload();
  };
  if (error instanceof DataError && error.code.startsWith('db.')) return <DbErrorScreen error={error} onRetry={reload} />;
  return (
    <Result
      status="warning"
      data-testid="app-error"
      title={t('boundary.title')}
      subTitle={errorText(t, error)}
      extra={<Button type="primary" onClick={reload}>{t('boundary.reload')}</Button>}
    />
  );
}
