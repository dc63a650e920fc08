import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../../shared/id-number';
import { formatFen } from '../../../shared/money/fen';
import type { Person } from '../../../shared/person';
import { pooledFundCheck, temporaryAccountFlag, type PooledFundInput } from '../../../shared/transfer-in';

/**
 * Live checks under the transfer form: the 12% pooled-fund rule and the temporary-account rule
 * for men 50+ / women 40+ from another 户籍 province. Both warn and never block (ADR 018).
 */
export function TransferChecks({ input, person, stationRegionCode }: {
  readonly input: PooledFundInput | null;
  readonly person: Person;
  readonly stationRegionCode: string;
}) {
  const { t } = useTranslation();
  const flag = temporaryAccountFlag(person, stationRegionCode, todayInChina());
  const check = input ? pooledFundCheck(input) : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {flag.kind === 'flagged' ? (
        <Alert type="warning" showIcon data-testid="transfer-temporary-flag" data-kind={flag.kind}
          title={t('transferIn.temporaryFlag', { age: flag.age, hukou: flag.hukouProvince, station: flag.stationProvince })} />
      ) : flag.kind === 'unknownProvince' ? (
        <Alert type="info" showIcon data-testid="transfer-temporary-flag" data-kind={flag.kind}
          title={t('transferIn.temporaryUnknown', { age: flag.age, threshold: flag.threshold })} />
      ) : null}
      {check === null || input === null ? null : !check.applicable ? (
        <Alert type="info" showIcon data-testid="transfer-pooled-check" data-matches="true" title={t('transferIn.pooledNotApplicable')} />
      ) : (
        <Alert
          type={check.matches ? 'success' : 'warning'}
          showIcon
          data-testid="transfer-pooled-check"
          data-matches={String(check.matches)}
          data-expected={check.expectedFen}
          title={t('transferIn.pooledCheck', { expected: formatFen(check.expectedFen), months: check.monthsCounted })}
          description={check.matches
            ? t('transferIn.pooledMatches')
            : t('transferIn.pooledMismatch', { entered: formatFen(input.pooledFundFen), expected: formatFen(check.expectedFen), diff: formatFen(check.differenceFen) })}
        />
      )}
    </Space>
  );
}
