import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { map } from 'rxjs';
import { SCHEMES, type Scheme } from '../../../shared/policy/schemes';
import { useObservable } from '../../app/use-observable';
import { useData } from '../../data/data-context';

const NONE: Scheme[] = [];

/** Under the person's payments: one 对账单 link per scheme the person has money records in. */
export function StatementLinks({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const schemes$ = useMemo(
    () =>
      data.payments.forPerson(personId).pipe(
        map((views) => SCHEMES.filter((s) => views.some((v) => v.payment.scheme === s && (v.payment.kind === 'contribution' || v.payment.kind === 'top_up')))),
      ),
    [data, personId],
  );
  const schemes = useObservable(schemes$, NONE);
  if (schemes.length === 0) return null;
  return (
    <Space wrap data-testid="statement-links">
      <Typography.Text type="secondary">{t('statement.linksLabel')}</Typography.Text>
      {schemes.map((s) => (
        <Link key={s} to={`/persons/${personId}/statement/${s}`} data-testid="statement-link" data-scheme={s}>
          {t('statement.link', { scheme: t(`schemes.${s}`) })}
        </Link>
      ))}
    </Space>
  );
}
