import { Skeleton, Tag } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/person';
import { ageOn, maskIdNumber } from './person-format';

export const ROW_HEIGHT = 44;

const COLUMNS = '1.2fr 1.8fr 0.6fr 0.6fr 1.2fr 0.8fr';
const cell: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 12px' };

interface PersonTableProps {
  readonly count: number;
  /** The row's id is always known (for keys and test ids); its data may still be loading. */
  readonly idAt: (i: number) => string | undefined;
  readonly row: (i: number) => Person | undefined;
  readonly onRange: (first: number, last: number) => void;
  readonly onOpen: (id: string) => void;
  readonly today: string;
}

/**
 * A virtualised person list: only the rows in view (plus a few) exist in
 * the DOM, at a fixed height, so 100,000 people scroll as smoothly as 100.
 */
export function PersonTable({ count, idAt, row, onRange, onOpen, today }: PersonTableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions the compiler cannot memoise; this component is not compiled.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRange(first, last);
  }, [first, last, onRange]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>, id: string): void => {
    if (e.key === 'Enter') onOpen(id);
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff' }}>
      <div
        role="row"
        style={{ display: 'grid', gridTemplateColumns: COLUMNS, height: 40, alignItems: 'center', background: '#fafafa', fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}
      >
        <div style={cell}>{t('persons.col.name')}</div>
        <div style={cell}>{t('persons.col.idNumber')}</div>
        <div style={cell}>{t('persons.col.sex')}</div>
        <div style={cell}>{t('persons.col.age')}</div>
        <div style={cell}>{t('persons.col.phone')}</div>
        <div style={cell}>{t('persons.col.status')}</div>
      </div>
      <div ref={scrollRef} data-testid="persons-scroll" role="rowgroup" style={{ flex: 1, minHeight: 0, overflow: 'auto', contain: 'strict' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const id = idAt(v.index) ?? '';
            const p = row(v.index);
            return (
              <div
                key={id || v.index}
                role="row"
                tabIndex={0}
                data-testid="persons-row"
                data-person-id={id}
                data-index={v.index}
                className="person-row"
                onClick={() => {
                  onOpen(id);
                }}
                onKeyDown={(e) => {
                  onKey(e, id);
                }}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${String(v.start)}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  alignItems: 'center',
                  borderBottom: '1px solid #f5f5f5',
                  cursor: 'pointer',
                }}
              >
                {p ? (
                  <>
                    <div style={cell} data-testid="persons-row-name">{p.name}</div>
                    <div style={{ ...cell, fontFamily: 'monospace' }}>{maskIdNumber(p.idNumber)}</div>
                    <div style={cell}>{t(`sex.${p.sex}`)}</div>
                    <div style={cell}>{ageOn(p.birthDate, today)}</div>
                    <div style={cell}>{p.phone}</div>
                    <div style={cell}>
                      {p.active ? <Tag color="green">{t('persons.active')}</Tag> : <Tag>{t('persons.inactive')}</Tag>}
                    </div>
                  </>
                ) : (
                  <div style={{ ...cell, gridColumn: '1 / -1' }}>
                    <Skeleton title={false} paragraph={{ rows: 1, width: '60%' }} active />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
