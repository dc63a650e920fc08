import { Card, Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanInputs } from './plan-compute';

interface Props {
  readonly value: PlanInputs;
  readonly onChange: (next: PlanInputs) => void;
  /** Men follow male60 by law: the track choice applies to women only. */
  readonly female: boolean;
}

/** Whole numbers only; an empty box means 0 (nothing entered from the archive). */
const whole = (v: number | null, max: number): number => Math.min(max, Math.max(0, Math.trunc(v ?? 0)));

/** What the clerk enters: deemed and transferred months from the archive, and the stated assumptions. */
export function PlanInputsCard({ value, onChange, female }: Props) {
  const { t } = useTranslation();
  const deemedYears = Math.floor(value.deemedMonths / 12);
  const deemedRest = value.deemedMonths % 12;
  const set = (patch: Partial<PlanInputs>): void => {
    onChange({ ...value, ...patch });
  };
  return (
    <Card size="small" title={t('pensionOptions.inputsTitle')} className="no-print">
      <Form layout="inline">
        <Form.Item label={t('pensionOptions.deemed')}>
          <Space>
            <InputNumber min={0} max={50} precision={0} value={deemedYears} data-testid="options-deemed-years"
              onChange={(v) => { set({ deemedMonths: whole(v, 50) * 12 + deemedRest }); }} suffix={t('pensionOptions.unitYears')} />
            <InputNumber min={0} max={11} precision={0} value={deemedRest} data-testid="options-deemed-months"
              onChange={(v) => { set({ deemedMonths: deemedYears * 12 + whole(v, 11) }); }} suffix={t('pensionOptions.unitMonths')} />
          </Space>
        </Form.Item>
        <Form.Item label={t('pensionOptions.transferred')}>
          <InputNumber min={0} max={600} precision={0} value={value.transferredMonths} data-testid="options-transferred-months"
            onChange={(v) => { set({ transferredMonths: whole(v, 600) }); }} suffix={t('pensionOptions.unitMonths')} />
        </Form.Item>
        {female ? (
          <Form.Item label={t('pensionOptions.femaleTrack')}>
            <Select<PlanInputs['femaleTrack']> value={value.femaleTrack} data-testid="options-female-track" style={{ width: 200 }}
              onChange={(v) => { set({ femaleTrack: v }); }}
              options={[{ value: 'female55', label: t('pensionOptions.track.female55') }, { value: 'female50', label: t('pensionOptions.track.female50') }]} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('pensionOptions.wageGrowth')}>
          <InputNumber min={0} max={20} step={0.5} precision={2} value={value.wageGrowthBp / 100} data-testid="options-wage-growth"
            onChange={(v) => { set({ wageGrowthBp: Math.round((v ?? 0) * 100) }); }} suffix="%" />
        </Form.Item>
        <Form.Item label={t('pensionOptions.creditingRate')}>
          <InputNumber min={0} max={20} step={0.25} precision={2} value={value.creditingRateBp / 100} data-testid="options-crediting-rate"
            onChange={(v) => { set({ creditingRateBp: Math.round((v ?? 0) * 100) }); }} suffix="%" />
        </Form.Item>
      </Form>
    </Card>
  );
}
