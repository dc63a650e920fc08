import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatFen } from '../../../shared/money/fen';
import type { SchemeStatus } from '../../../shared/enrolment-status';
import type { BackPayBlock, SchemeResume } from './resume-plan';
import { payLink } from './resume-links';

const STATUS_COLOR: Record<SchemeStatus, string> = {
  active: 'green', lapsed: 'orange', suspended: 'gold', transferred_out: 'blue', closed: 'default', none: 'default',
};

export interface SchemeResumeCardProps {
  readonly personId: string;
  readonly item: SchemeResume;
  readonly currentMonth: string;
  /** Sets the scheme active again from the current month; resolves when stored (errors are shown by the caller). */
  readonly onReactivate: () => void;
  readonly busy: boolean;
}

/** The plain-Chinese sentence for why (part of) the gap cannot be back-paid; the pack version names the rule's source. */
function blockText(t: (k: string, o?: Record<string, unknown>) => string, b: BackPayBlock): string {
  const packVersion = b.packVersion ?? '—';
  switch (b.code) {
    case 'sameYearOnly': return t('resumption.blocked.sameYearOnly', { packVersion, from: b.from });
    case 'maxMonthsBack': return t('resumption.blocked.maxMonthsBack', { packVersion, from: b.from, months: b.maxMonthsBack });
    default: return t(`resumption.blocked.${b.code}`, { packVersion });
  }
}

/**
 * One scheme in the resumption view: status (with 恢复参保 when lapsed or
 * suspended), the unpaid months, what the pack lets the person back-pay and
 * why not the rest, and the buttons that open the payment form pre-filled.
 */
export function SchemeResumeCard({ personId, item, currentMonth, onReactivate, busy }: SchemeResumeCardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const base = item.lastBaseFen === null ? undefined : formatFen(item.lastBaseFen);
  const open = (from: string, to: string): void => {
    void navigate(payLink(personId, { scheme: item.scheme, from, to, ...(base === undefined ? {} : { base }) }));
  };
  const gap = item.lapse;
  return (
    <Card size="small" title={t(`schemes.${item.scheme}`)} data-testid="resume-scheme" data-scheme={item.scheme} data-status={item.status}>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('resumption.status')}>
            <Space wrap>
              <Tag color={STATUS_COLOR[item.status]} data-testid="resume-status" data-status={item.status}>{t(`enrolments.status.${item.status}`)}</Tag>
              {item.statusSince ? <Typography.Text type="secondary">{t('resumption.since', { month: item.statusSince })}</Typography.Text> : null}
              {item.canReactivate ? (
                <Button size="small" type="primary" data-testid="resume-activate" loading={busy} onClick={onReactivate}>
                  {t('resumption.activate', { month: currentMonth })}
                </Button>
              ) : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('resumption.unpaid')}>
            <span data-testid="resume-unpaid" data-months={gap?.monthsUnpaid ?? 0}>
              {gap ? t('resumption.unpaidSpan', { from: gap.since, to: gap.through, count: gap.monthsUnpaid }) : t('resumption.nothingUnpaid')}
            </span>
          </Descriptions.Item>
          {gap?.lastPaid ? <Descriptions.Item label={t('resumption.lastPaid')}>{gap.lastPaid}</Descriptions.Item> : null}
        </Descriptions>
        {item.backPay ? (
          <Alert
            type="info"
            showIcon
            data-testid="resume-back-pay"
            data-from={item.backPay.from}
            data-to={item.backPay.to}
            title={t('resumption.backPayable', { from: item.backPay.from, to: item.backPay.to, count: item.backPay.months })}
          />
        ) : null}
        {item.blocked ? <Alert type="warning" showIcon data-testid="resume-blocked" data-code={item.blocked.code} title={blockText(t, item.blocked)} /> : null}
        <Space wrap>
          <Button type="primary" data-testid="resume-continue" onClick={() => { open(item.continueSpan.from, item.continueSpan.to); }}>
            {item.continueSpan.months === 1 ? t('resumption.continueMonth', { month: item.continueSpan.from }) : t('resumption.continueSpan', { from: item.continueSpan.from, to: item.continueSpan.to })}
          </Button>
          {item.backPay ? (
            <Button data-testid="resume-open-back-pay" onClick={() => { if (item.backPay) open(item.backPay.from, item.backPay.to); }}>
              {t('resumption.openBackPay', { from: item.backPay.from, to: item.backPay.to })}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}
