import { expect, test, type Page } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { DEMO, useServerAndStations } from './fixtures';
import { openEnrolled, randomSeq, register, residentId } from './station-ui';

const env = useServerAndStations(1);

/** antd puts data-testid on the InputNumber's wrapper or on its <input> depending on version: take the input either way. */
const numberBox = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

test('a transfer-in from Hebei: recorded in transit with the 12% check and the 50+ flag, confirmed, enrolment active, options prefilled', async () => {
  // A man born 1970 with a Hebei (13) ID moving to Tianjin (12): 50+ outside his 户籍 province → flagged.
  const seq = `${randomSeq().slice(0, 2)}5`;
  const person = { idNumber: residentId('130102', '19700315', seq), name: '欧阳转入', phone: '13833335555' };
  const month = todayInChina().slice(0, 7);
  const page = await openEnrolled(env.stations[0]!, env.server().url, DEMO.A);
  await register(page, person);
  await expect(page.getByTestId('transfer-card')).toContainText('暂无转移接续记录');

  await page.getByTestId('transfer-record').click();
  await expect(page.getByTestId('transfer-form-title')).toContainText('欧阳转入');
  await expect(page.getByTestId('transfer-temporary-flag')).toHaveAttribute('data-kind', 'flagged');
  await expect(page.getByTestId('transfer-temporary-flag')).toContainText('临时缴费账户');

  // Keyboard: typed forms of months, amounts in yuan.
  await page.getByTestId('transfer-fromRegionCode').fill('130100');
  await page.getByTestId('transfer-fromInstitution').fill('石家庄市社会保险事业管理局');
  await page.getByTestId('transfer-fromMonth').fill('201501');
  await page.getByTestId('transfer-toMonth').fill('2024-12');
  await numberBox(page, 'transfer-monthsPaid').fill('120');
  await numberBox(page, 'transfer-deemedMonths').fill('36');
  // 120 months at 4000 yuan = 480,000 yuan of bases → 12% = 57,600.00 yuan.
  await page.getByTestId('transfer-baseTotal').fill('480000');
  await page.getByTestId('transfer-personalAccount').fill('38400');
  await page.getByTestId('transfer-pooledFund').fill('50000');
  const check = page.getByTestId('transfer-pooled-check');
  await expect(check).toHaveAttribute('data-matches', 'false');
  await expect(check).toHaveAttribute('data-expected', '5760000');
  await expect(check).toContainText('57600.00');
  await page.getByTestId('transfer-pooledFund').fill('57600');
  await expect(check).toHaveAttribute('data-matches', 'true');
  await page.getByTestId('transfer-doc-contribution_certificate').click();
  await page.getByTestId('transfer-doc-transfer_form').click();
  // Enter in a text box records it.
  await page.getByTestId('transfer-pooledFund').press('Enter');

  await expect(page.getByTestId('detail-name')).toHaveText('欧阳转入');
  const row = page.getByTestId('transfer-row');
  await expect(row).toHaveAttribute('data-status', 'in_transit');
  await expect(row).toContainText('38400.00');
  await expect(row).toContainText('57600.00');
  await expect(page.locator('[data-testid="enrolment-row"][data-scheme="employee_pension"]')).toHaveAttribute('data-status', 'none');

  // A rejection needs a reason: refused without one, nothing changes.
  await row.getByTestId('transfer-reject').click();
  await page.getByTestId('transfer-decision-ok').click();
  await expect(page.getByText('有必填项未填写')).toBeVisible();
  await page.keyboard.press('Escape');

  await row.getByTestId('transfer-confirm').click();
  await page.getByTestId('transfer-decision-reason').fill('材料齐全');
  await page.getByTestId('transfer-decision-ok').click();
  await expect(row).toHaveAttribute('data-status', 'confirmed');
  await expect(row.getByTestId('transfer-confirm')).toHaveCount(0);
  const pension = page.locator('[data-testid="enrolment-row"][data-scheme="employee_pension"]');
  await expect(pension).toHaveAttribute('data-status', 'active');
  await expect(pension.getByTestId('enrolment-since')).toHaveText(month);
  await expect(page.getByTestId('transfer-stored')).toHaveAttribute('data-transferred', '120');
  await expect(page.getByTestId('transfer-stored')).toHaveAttribute('data-deemed', '36');

  // The archive shows 4 years 2 months of deemed service: a history record overrides the transfer's figure.
  await page.getByTestId('transfer-set-deemed').click();
  await numberBox(page, 'deemed-years').fill('4');
  await numberBox(page, 'deemed-months').fill('2');
  await page.getByTestId('deemed-note').fill('档案审核表');
  await page.getByTestId('deemed-ok').click();
  await expect(page.getByTestId('transfer-stored')).toHaveAttribute('data-deemed', '50');
  await expect(page.getByTestId('transfer-stored')).toContainText('档案记录');

  // The options screen reads the stored months instead of asking again (still editable).
  await page.getByTestId('detail-pension-options').click();
  await expect(page.getByTestId('options-prefilled')).toBeVisible();
  await expect(numberBox(page, 'options-transferred-months')).toHaveValue('120');
  await expect(numberBox(page, 'options-deemed-years')).toHaveValue('4');
  await expect(numberBox(page, 'options-deemed-months')).toHaveValue('2');
  await expect(page.getByTestId('options-years')).toHaveAttribute('data-total', '170');
  await expect(page.getByTestId('options-years')).toHaveAttribute('data-transferred', '120');
});
