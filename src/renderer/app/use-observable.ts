import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** Latest value of an observable; `initial` until it first emits. Re-subscribes when `source` changes. */
export function useObservable<T>(source: Observable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = source.subscribe({ next: setValue });
    return () => {
      sub.unsubscribe();
    };
  }, [source]);
  return value;
}
