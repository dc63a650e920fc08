import { Button, Card, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../data/contract';

/** Who is at the window: chosen after enrolment and whenever no operator is remembered. */
export function OperatorScreen({ session, onChoose }: { readonly session: DeviceSession; readonly onChoose: (staffId: string) => void }) {
  const { t } = useTranslation();
  const [staffId, setStaffId] = useState<string | undefined>(session.staff[0]?.id);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 420 }} title={t('operator.title')}>
        <Typography.Paragraph>{t('operator.intro', { station: session.stationName })}</Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={() => {
            if (staffId) onChoose(staffId);
          }}
        >
          <Form.Item label={t('operator.select')}>
            <Select
              data-testid="operator-select"
              value={staffId}
              onChange={setStaffId}
              options={session.staff.map((s) => ({ value: s.id, label: s.name }))}
              notFoundContent={t('operator.noStaff')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block disabled={!staffId} data-testid="operator-confirm">
            {t('operator.confirm')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
