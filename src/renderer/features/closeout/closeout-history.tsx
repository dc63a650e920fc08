import { Table } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloseoutRecord } from '../../../shared/records';
import { chinaDateTime } from './closeout-format';
import { useSession } from '../../app/session-context';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import { currentLanguage } from '../../i18n/i18n';
import { yuanText } from '../payments/payment-format';

const NONE: CloseoutRecord[] = [];

/** Past close-outs of the station (every staff member), newest day first; a click on the operator's own opens that day. */
export function CloseoutHistory({ onOpen }: { readonly onOpen: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  const data = useData();
  const { session, operator } = useSession();
  const list = useObservable(useMemo(() => data.closeouts.list$, [data]), NONE);
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  const name = (id: string): string => session.staff.find((s) => s.id === id)?.name ?? id;
  return (
    <Table<CloseoutRecord>
      data-testid="closeout-history"
      size="small"
      rowKey="id"
      dataSource={list}
      pagination={list.length > 15 ? { pageSize: 15 } : false}
      locale={{ emptyText: t('closeout.historyEmpty') }}
      onRow={(c) =>
        ({
          'data-testid': 'closeout-history-row', 'data-day': c.day, 'data-staff-id': c.staffId, 'data-taken': c.totals.takenFen,
          style: c.staffId === operator.id ? { cursor: 'pointer' } : undefined,
          onClick: () => {
            if (c.staffId === operator.id) onOpen(c.day);
          },
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        { key: 'day', title: t('closeout.day'), dataIndex: 'day', width: 120 },
        { key: 'staff', title: t('closeout.staff'), render: (_, c) => name(c.staffId) },
        { key: 'count', title: t('closeout.col.records'), align: 'right', render: (_, c) => c.paymentIds.length },
        { key: 'taken', title: t('closeout.col.taken'), align: 'right', render: (_, c) => yuanText(c.totals.takenFen) },
        { key: 'returned', title: t('closeout.col.returned'), align: 'right', render: (_, c) => yuanText(c.totals.returnedFen) },
        { key: 'net', title: t('closeout.col.net'), align: 'right', render: (_, c) => yuanText(c.totals.takenFen - c.totals.returnedFen) },
        { key: 'at', title: t('closeout.col.closedAt'), render: (_, c) => chinaDateTime(c.createdAt, lang) },
      ]}
    />
  );
}
