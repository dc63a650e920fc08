import { expect, test, type Page } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { DEMO, useServerAndStations } from './fixtures';
import { openEnrolled, randomSeq, register, residentId } from './station-ui';

const env = useServerAndStations(1);

/** antd puts data-testid on the InputNumber's wrapper or on its <input> depending on version: take the input either way. */
const numberBox = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  const box = numberBox(page, testId);
  await box.fill(value);
  await box.press('Tab');
}

test('a person with a payment: deemed years entered, years summary and options with hand-computed figures, one-page handout printed', async () => {
  // A man born 1968-03 (odd sequence digit = male): 2025 reform delay ⌊38/4⌋+1 = 10 months → 60y10m → retires 2029-01,
  // minimum 15 years (reached before 2030, DOMAIN §8).
  const seq = `${randomSeq().slice(0, 2)}7`;
  const person = { idNumber: residentId('120104', '19680315', seq), name: '欧阳方案', phone: '13833334444' };
  const month = todayInChina().slice(0, 7);
  const page = await openEnrolled(env.stations[0]!, env.server().url, DEMO.A);
  await register(page, person);

  // One month paid at the Tianjin floor 5124 yuan (index 5124 / 8540 = 0.6).
  await page.getByTestId('detail-take-payment').click();
  await page.getByTestId('pay-from').fill(month);
  await page.getByTestId('pay-to').fill(month);
  await page.getByTestId('pay-base').fill('5124');
  await expect(page.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await page.getByTestId('pay-base').press('Enter');
  await expect(page.getByTestId('receipt-no')).toHaveText(/^HX01-/);
  await page.getByTestId('receipt-back').click();

  await page.getByTestId('detail-pension-options').click();
  const years = page.getByTestId('options-years');
  await expect(years).toHaveAttribute('data-actual', '1');
  await expect(page.getByTestId('options-retirement-month')).toHaveText('2029-01');
  await expect(page.getByTestId('options-statutory-age')).toHaveText('60岁10个月');
  await expect(page.getByTestId('options-minimum')).toHaveAttribute('data-months', '180');
  await expect(page.getByTestId('options-payout-months')).toHaveText('133.2');

  // 视同缴费 14 years from the archive; stated assumptions: no wage growth, no future interest.
  await setNumber(page, 'options-deemed-years', '14');
  await setNumber(page, 'options-crediting-rate', '0');
  await expect(years).toHaveAttribute('data-total', '169');
  await expect(years).toHaveAttribute('data-needed', '11');
  await expect(years).toContainText('视同缴费 14年 + 转入 0年 + 本地实际缴费 1个月 = 合计 14年1个月');
  await expect(page.getByTestId('options-needed')).toHaveText('距最低缴费年限还差 11个月');

  // 100 % of 8540 yuan, to the minimum: 11 months from next month at 1708.00 yuan = 18788.00 yuan.
  // Index (168 × 1.0 + 1 × 0.6 + 11 × 1.0) / 180; basic = 8540 × (1 + index) / 2 × 15 % = 1279.583… → 1279.58 yuan.
  // Account 409.92 + 11 × 683.20 = 7925.12 yuan ÷ 计发月数 133.2 (60y10m: 139 − 7 × 10/12, to 0.1) = 59.50 yuan.
  const min100 = page.locator('[data-testid="options-row"][data-option="10000-minimum"]');
  await expect(min100.getByTestId('options-row-months')).toHaveAttribute('data-months', '11');
  await expect(min100.getByTestId('options-row-years')).toHaveAttribute('data-months', '180');
  await expect(min100.getByTestId('options-row-cost')).toHaveAttribute('data-fen', '1878800');
  await expect(min100.getByTestId('options-row-pension')).toHaveAttribute('data-fen', '133908');
  await expect(min100.getByTestId('options-row-pension')).toHaveText('1339.08');
  // 60 % and 300 % bases to the minimum cost 0.6× and 3× as much; paying until retirement reaches more years and more pension.
  await expect(page.locator('[data-testid="options-row"][data-option="6000-minimum"] [data-testid="options-row-cost"]')).toHaveAttribute('data-fen', String(11 * 102_480));
  await expect(page.locator('[data-testid="options-row"][data-option="30000-minimum"] [data-testid="options-row-cost"]')).toHaveAttribute('data-fen', String(11 * 512_400));
  const ret100 = page.locator('[data-testid="options-row"][data-option="10000-retirement"]');
  expect(Number(await ret100.getByTestId('options-row-years').getAttribute('data-months'))).toBeGreaterThan(180);
  expect(Number(await ret100.getByTestId('options-row-pension').getAttribute('data-fen'))).toBeGreaterThan(133_908);
  // Tianjin allows same-year back-pay (pack backPayment): back-pay rows are offered, and the rule is stated.
  await expect(page.locator('[data-testid="options-row"][data-option="10000-retirement-back"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="options-assumption"][data-code="backPayFrom"]')).toHaveAttribute('data-origin', 'pack');
  await expect(page.locator('[data-testid="options-assumption"][data-code="wageGrowth"]')).toContainText('0%');
  await expect(page.locator('[data-testid="options-assumption"][data-code="creditingRate"]')).toHaveAttribute('data-origin', 'assumed');

  // Print: the platform print is called, and in print media only the handout shows, on one page.
  await page.evaluate(() => {
    const w = window as Window & { printed?: number };
    w.print = () => {
      w.printed = (w.printed ?? 0) + 1;
    };
  });
  await page.getByTestId('options-print').click();
  await expect.poll(() => page.evaluate(() => (window as Window & { printed?: number }).printed ?? 0)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('options-print')).toBeHidden();
  const sheet = page.getByTestId('options-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('养老保险缴费方案说明');
  await expect(sheet).toContainText(person.name);
  await expect(sheet).toContainText('法定退休年月');
  await expect(sheet).toContainText('测算依据与假设');
  await expect(page.getByTestId('options-disclaimer')).toContainText('仅为按现行政策和上述假设所作的估算');
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
});
