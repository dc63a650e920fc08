import { Alert } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { monthsNotActive } from '../../../shared/enrolment-status';
import { addMonths, parseMonth } from '../../../shared/months';
import type { Scheme } from '../../../shared/policy/schemes';
import { useObservable } from '../../app/use-observable';
import type { PersonEnrolments } from '../../data/enrolment-contract';
import { useData } from '../../data/data-context';

interface Props {
  readonly personId: string;
  readonly scheme: Scheme;
  /** As typed in the payment form (any form parseMonth accepts); nothing is shown until both parse. */
  readonly fromMonth: string;
  readonly toMonth: string;
}

/**
 * The payment form's warning when the person is not active (参保缴费) in the
 * chosen scheme for some of the months: a payment is still allowed (the
 * enrolment may have been recorded at another station not yet synced, or on
 * paper), but the clerk should look first.
 */
export function EnrolmentWarning({ personId, scheme, fromMonth, toMonth }: Props) {
  const data = useData();
  const enrolments$ = useMemo(() => data.enrolments.forPerson(personId), [data, personId]);
  const view = useObservable<PersonEnrolments | null>(enrolments$, null);
  const from = parseMonth(fromMonth);
  const to = parseMonth(toMonth);
  if (!view || !from.ok || !to.ok) return null;
  return <NotActiveAlert scheme={scheme} months={monthsNotActive(view.records, scheme, from.value, to.value)} />;
}

/** Non-blocking note on the payment form: months of the span in which the person is not active in the scheme. */
function NotActiveAlert({ months, scheme }: { readonly months: readonly string[]; readonly scheme: string }) {
  const { t } = useTranslation();
  if (months.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pay-not-enrolled"
      style={{ marginBottom: 16 }}
      title={t('enrolments.notActiveWarning', { scheme: t(`schemes.${scheme}`), months: monthRuns(months), count: months.length })}
    />
  );
}

/** Ascending months as runs: 2025-01 ~ 2025-03、2025-06. */
function monthRuns(months: readonly string[]): string {
  const runs: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const close = (): void => {
    if (start !== null && prev !== null) runs.push(start === prev ? start : `${start} ~ ${prev}`);
  };
  for (const m of months) {
    if (prev === null || addMonths(prev, 1) !== m) {
      close();
      start = m;
    }
    prev = m;
  }
  close();
  return runs.join('、');
}
