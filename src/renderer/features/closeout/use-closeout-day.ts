import { useEffect, useMemo, useState } from 'react';
import type { CloseoutDay } from '../../data/closeout-contract';
import { useData } from '../../data/data-context';

export type CloseoutDayState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly view: CloseoutDay }
  | { readonly status: 'error'; readonly error: unknown };

/**
 * The operator's working day, live (new payments, a close, records synced
 * in). Re-subscribes when the day or the operator changes: the data layer
 * reads the operator when the subscription starts.
 */
export function useCloseoutDay(day: string, operatorId: string): CloseoutDayState {
  const data = useData();
  const source = useMemo(() => data.closeouts.observe(day), [data, day, operatorId]);
  const [state, setState] = useState<CloseoutDayState>({ status: 'loading' });
  useEffect(() => {
    setState({ status: 'loading' });
    const sub = source.subscribe({
      next: (view) => {
        setState({ status: 'ready', view });
      },
      error: (error: unknown) => {
        setState({ status: 'error', error });
      },
    });
    return () => {
      sub.unsubscribe();
    };
  }, [source]);
  return state;
}
