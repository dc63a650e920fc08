import { Alert } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useObservable } from '../../app/use-observable';
import type { CoverageCaseView } from '../../data/correction-contract';
import { useData } from '../../data/data-context';

const NONE: CoverageCaseView[] = [];

/** The person page's banner while the person has an open double-coverage case (issue 3 §7). */
export function CoverageWarning({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const data = useData();
  const cases$ = useMemo(() => data.corrections.forPerson(personId), [data, personId]);
  const cases = useObservable(cases$, NONE);
  const open = cases.filter((c) => !c.settled);
  if (open.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="person-coverage-warning"
      data-count={open.length}
      title={t('corrections.personWarning', { count: open.length })}
      action={
        <Link to="/double-coverage" data-testid="person-coverage-link">
          {t('corrections.personWarningLink')}
        </Link>
      }
    />
  );
}
