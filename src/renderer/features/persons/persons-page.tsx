import { SearchOutlined } from '@ant-design/icons';
import { App, Input, Space, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { todayInChina } from '../../../shared/id-number';
import type { Person } from '../../../shared/person';
import { INITIAL_SYNC_STATUS } from '../../app/status-bar';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { PersonTable } from './person-table';
import { usePersonPages } from './use-person-pages';

/** Enough for any sensible query; a broader one should be narrowed, not scrolled. */
const SEARCH_LIMIT = 500;
const DEBOUNCE_MS = 200;
/** Rows shown before the full list arrives: more than any screen holds. */
const HEAD_SIZE = 200;

type Listing =
  | { readonly kind: 'loading' }
  | { readonly kind: 'all'; readonly ids: readonly string[] }
  /** The first screenful while the full id list is still being read. */
  | { readonly kind: 'head'; readonly persons: readonly Person[] }
  | { readonly kind: 'search'; readonly persons: readonly Person[] };

const NO_IDS: readonly string[] = [];

/**
 * 人员查询: one box for full ID, last 4–6 ID digits, name prefix or phone.
 * With an empty box the whole register is listed (virtualised). The query
 * lives in the URL (?q=) so "back" from a person returns to the same results.
 */
export function PersonsPage() {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [today] = useState(todayInChina);
  const inputRef = useRef<InputRef>(null);
  // New data arrives with each completed sync: refresh the list then.
  const { lastSyncAt } = useObservable(data.sync.status$, INITIAL_SYNC_STATUS);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    const q = query.trim();
    const timer = setTimeout(
      () => {
        let fullArrived = false;
        let load: Promise<Listing>;
        if (q) {
          load = data.persons.search(q, SEARCH_LIMIT).then((persons) => ({ kind: 'search', persons }));
        } else {
          // Paint the first screen at once, then read the full list. The head
          // is read first because IndexedDB runs the two reads in order: asked
          // second, it would wait behind the full index scan.
          // Its rows are read too before the scan starts, for the same reason.
          const head = data.persons.listFirstIds(HEAD_SIZE).then((ids) => data.persons.getMany(ids));
          head.then(
            (persons) => {
              if (live && !fullArrived) setListing((cur) => (cur.kind === 'all' ? cur : { kind: 'head', persons }));
            },
            () => undefined, // the full read reports the error
          );
          load = head
            .catch(() => undefined)
            .then(() => data.persons.listIds())
            .then((ids) => {
              fullArrived = true;
              return { kind: 'all', ids };
            });
        }
        load.then(
          (l) => {
            if (live) setListing(l);
          },
          (e: unknown) => {
            if (live) void message.error(errorText(t, e));
          },
        );
      },
      q ? DEBOUNCE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [data, query, lastSyncAt, message, t]);

  const ids = useMemo(
    () => (listing.kind === 'all' ? listing.ids : listing.kind === 'search' || listing.kind === 'head' ? listing.persons.map((p) => p.id) : NO_IDS),
    [listing],
  );
  const pages = usePersonPages(listing.kind === 'all' ? ids : NO_IDS);
  const row = useCallback(
    (i: number): Person | undefined => (listing.kind === 'search' || listing.kind === 'head' ? listing.persons[i] : pages.row(i)),
    [listing, pages],
  );
  const onRange = useCallback(
    (first: number, last: number) => {
      if (listing.kind === 'all') pages.ensure(first, last);
    },
    [listing.kind, pages],
  );
  const open = useCallback(
    (id: string) => {
      if (id) void navigate(`/persons/${id}`);
    },
    [navigate],
  );

  const count = ids.length;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('persons.title')}
      </Typography.Title>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Input
          ref={inputRef}
          data-testid="persons-search"
          allowClear
          prefix={<SearchOutlined />}
          style={{ width: 480 }}
          placeholder={t('persons.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            const v = e.target.value;
            setQuery(v);
            setParams(v.trim() ? { q: v.trim() } : {}, { replace: true });
          }}
          onPressEnter={() => {
            // Enter on a query with exactly one hit opens it: the common case at the window.
            if (listing.kind === 'search' && listing.persons.length === 1) open(listing.persons[0]?.id ?? '');
          }}
        />
        <Typography.Text type="secondary" data-testid="persons-count" data-count={listing.kind === 'loading' || listing.kind === 'head' ? '' : count} data-mode={listing.kind}>
          {listing.kind === 'loading' || listing.kind === 'head'
            ? t('common.loading')
            : listing.kind === 'all'
              ? t('persons.total', { count })
              : count >= SEARCH_LIMIT
                ? t('persons.foundMany', { count })
                : t('persons.found', { count })}
        </Typography.Text>
      </Space>
      {listing.kind !== 'loading' && count === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="persons-empty">
          {listing.kind === 'search' ? t('persons.noMatch') : t('persons.emptyRegister')}
        </Typography.Paragraph>
      ) : (
        <PersonTable count={count} idAt={(i) => ids[i]} row={row} onRange={onRange} onOpen={open} today={today} />
      )}
    </div>
  );
}
