import { Alert, Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';
import type { PersonTopUp } from '../../data/top-up-contract';
import { yuanText } from '../payments/payment-format';

/** On the person page: a warning while the person owes 补差 (live: it disappears once taken). */
export function TopUpBanner({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useNavigate();
  const owed$ = useMemo(() => data.topUps.forPerson(personId), [data, personId]);
  const owed = useObservable<PersonTopUp | null>(owed$, null);
  if (!owed || owed.items.length === 0) return null;
  const months = new Set(owed.items.map((i) => i.month)).size;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="detail-topup-banner"
      data-total-fen={owed.totalFen}
      title={t('topUps.banner', { count: months, amount: yuanText(owed.totalFen) })}
      action={
        <Button size="small" type="primary" data-testid="detail-topup-open" onClick={() => void navigate(`/persons/${personId}/top-up`)}>
          {t('topUps.bannerOpen')}
        </Button>
      }
    />
  );
}
