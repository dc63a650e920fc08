import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { DataApi } from '../data/contract';
import { DataProvider } from '../data/data-context';
import { openDataApi } from '../db/open-data-api';
import { DbErrorScreen } from './db-error-screen';
import { SessionGate } from './session-gate';

type Opening = { readonly kind: 'opening' } | { readonly kind: 'failed'; readonly error: unknown } | { readonly kind: 'ready'; readonly api: DataApi };

/**
 * One open per page: React may run effects twice (StrictMode in dev), and
 * a database must not be opened twice under the same name. Reset on
 * failure so "retry" really retries.
 */
let opening: Promise<DataApi> | null = null;
function openOnce(): Promise<DataApi> {
  opening ??= openDataApi().catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

/** Opens the local database once; a failure shows the database screen (retry, never delete). */
export function Boot() {
  const [state, setState] = useState<Opening>({ kind: 'opening' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    openOnce().then(
      (api) => {
        if (live) setState({ kind: 'ready', api });
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.kind === 'opening') return <Spin fullscreen />;
  if (state.kind === 'failed') {
    return (
      <DbErrorScreen
        error={state.error}
        onRetry={() => {
          setState({ kind: 'opening' });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return (
    <DataProvider value={state.api}>
      <SessionGate />
    </DataProvider>
  );
}
