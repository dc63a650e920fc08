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
  opening ??= (import.meta.env.MODE === 'bench' ? openForBench() : openDataApi()).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

/**
 * `vite build --mode bench` only (npm run bench, test/bench/client-search.ts):
 * puts the data layer and its RxDB database on window.__shebaoBench so the
 * benchmark can fill the store with 100,000 people. MODE is a build-time
 * constant, so production builds drop this function and the name entirely.
 */
function openForBench(): Promise<DataApi> {
  let db: unknown = null;
  return openDataApi({
    onStore: (store) => {
      db = store.db;
    },
  }).then((api) => {
    Object.assign(window, { __shebaoBench: { api, db } });
    return api;
  });
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
          // RxDB keeps a failed open for the life of the page, so a real retry needs a fresh page.
          if (import.meta.env.MODE === 'production') window.location.reload();
          else {
            setState({ kind: 'opening' });
            setAttempt((n) => n + 1);
          }
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
