import { createContext, useContext, type ReactNode } from 'react';
import type { DataApi } from './contract';

const DataContext = createContext<DataApi | null>(null);

/**
 * Provides the data layer to the UI. The app opens it once at start
 * (openDataApi() from ../db/open-data-api) and passes it in as `value`;
 * tests pass their own.
 */
export function DataProvider({ value, children }: { readonly value: DataApi; readonly children: ReactNode }) {
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}

/** The data layer; throws when used outside <DataProvider> (a wiring bug, not a user error). */
export function useData(): DataApi {
  const api = useContext(DataContext);
  if (!api) throw new Error('useData() outside <DataProvider>');
  return api;
}
