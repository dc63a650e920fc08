import { expect, test, type Page } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { expectOffline, expectOnline, openEnrolled, openOnlyHit, randomSeq, register, residentId, syncNow, waitForSynced } from './station-ui';

// c: the single-station reversal test; a (HX01) and b (XQ01): the two-station test.
const env = useServerAndStations(3);
const [a, b, c] = env.stations as [StationProfile, StationProfile, StationProfile];

/** The open antd Select dropdown's option with this label. */
const option = (page: Page, label: string) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await option(page, label).click();
}

async function setOperator(page: Page, name: string): Promise<void> {
  await pick(page, 'header-operator-select', name);
  await expect(page.getByTestId('header-operator-select')).toContainText(name);
}

/** Takes one month of employee pension at the Tianjin floor (1024.80 yuan) for the person whose page is open; ends on the receipt. */
async function payOneMonth(page: Page, month: string): Promise<string> {
  await page.getByTestId('detail-take-payment').click();
  await expect(page.getByTestId('pay-next-receipt')).toBeVisible();
  await page.getByTestId('pay-from').fill(month);
  await page.getByTestId('pay-to').fill(month);
  await page.getByTestId('pay-base').fill('5124');
  await expect(page.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await page.getByTestId('pay-base').press('Enter');
  await expect(page.getByTestId('receipt-no')).toHaveText(/^[A-Z0-9]{4}-\d{3}-\d{4}-\d{6}-[0-9A-Z]$/);
  return (await page.getByTestId('receipt-no').textContent()) ?? '';
}

test('a reversal needs a reviewer other than the operator; approved by 张丽华 it is stored and the receipt shows 已冲正', async () => {
  const person = { idNumber: residentId('120104', '19570612', randomSeq()), name: '冲正测试', phone: '13811113333' };
  const page = await openEnrolled(c, env.server().url, DEMO.A);
  await setOperator(page, '张丽华');
  await register(page, person);
  await payOneMonth(page, todayInChina().slice(0, 7));
  await expect(page.getByTestId('receipt-status')).toHaveAttribute('data-status', 'recorded');

  // 张丽华 is the operator: she is listed but cannot approve her own reversal, and there is no other reviewer.
  await page.getByTestId('receipt-reverse').click();
  await expect(page.getByTestId('correction-modal')).toBeVisible();
  await page.getByTestId('correction-reason').fill('收错险种');
  await page.getByTestId('correction-reviewer').click();
  await expect(option(page, '张丽华')).toHaveClass(/ant-select-item-option-disabled/);
  await expect(option(page, '张丽华')).toContainText('经办人本人，不能复核');
  await page.keyboard.press('Escape');
  // Without a reviewer the reversal is refused with a clear message and nothing is stored.
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-error')).toContainText('须经另一位复核人员批准');
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByTestId('correction-modal')).toHaveCount(0);
  await expect(page.getByTestId('receipt-status')).toHaveAttribute('data-status', 'recorded');

  // 王建国 at the window, 张丽华 approves.
  await setOperator(page, '王建国');
  await page.getByTestId('receipt-reverse').click();
  await page.getByTestId('correction-reason').fill('收错险种');
  await pick(page, 'correction-reviewer', '张丽华');
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-modal')).toHaveCount(0);
  await expect(page.getByTestId('receipt-status')).toHaveAttribute('data-status', 'reversed');
  await expect(page.getByTestId('receipt-status')).toHaveText('已冲正');
  await expect(page.getByTestId('receipt-reverse')).toHaveCount(0);

  // The tag's link opens the reversal record: reason and approver.
  await page.getByTestId('receipt-correction-link').click();
  await expect(page.getByTestId('correction-info')).toHaveAttribute('data-kind', 'reversal');
  await expect(page.getByTestId('correction-reason-text')).toContainText('收错险种');
  await expect(page.getByTestId('correction-approver')).toContainText('张丽华');

  // On the person page: the original is 已冲正, the reversal is listed with the money going back.
  await page.getByTestId('receipt-back').click();
  await expect(page.getByTestId('payment-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="payment-row"][data-status="reversed"]')).toHaveCount(1);
  await expect(page.getByTestId('detail-payments')).toContainText('-1024.80');
  await c.close();
});

test('the same month paid offline at HX01 and XQ01 is flagged at both after sync and settled by an approved refund', async () => {
  const person = { idNumber: residentId('120104', '19560923', randomSeq()), name: '重复缴费', phone: '13811114444' };
  const month = todayInChina().slice(0, 7);
  const pageA = await openEnrolled(a, env.server().url, DEMO.A);
  const pageB = await openEnrolled(b, env.server().url, DEMO.B);
  await setOperator(pageA, '王建国');
  await setOperator(pageB, '陈静');
  await register(pageA, person);
  await syncNow(pageA);
  await syncNow(pageB);

  // Both stations lose the network and take the same month.
  await a.setOffline(true);
  await b.setOffline(true);
  await expectOffline(pageA);
  await expectOffline(pageB);
  const receiptA = await payOneMonth(pageA, month);
  await openOnlyHit(pageB, person.idNumber, person.name);
  const receiptB = await payOneMonth(pageB, month);
  await pageA.getByTestId('nav-coverage').click();
  await expect(pageA.getByTestId('coverage-open-empty')).toBeVisible();

  // Back online: after sync both stations list the case, with both records and their receipts.
  await a.setOffline(false);
  await b.setOffline(false);
  await expectOnline(pageA);
  await expectOnline(pageB);
  await waitForSynced(pageA);
  await waitForSynced(pageB);
  await syncNow(pageA);
  await syncNow(pageB);
  for (const page of [pageA, pageB]) {
    await page.getByTestId('nav-coverage').click();
    const row = page.getByTestId('coverage-open').getByTestId('coverage-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-settled', 'false');
    await expect(row.getByTestId('coverage-months')).toHaveAttribute('data-months', month);
    await expect(row.getByTestId('coverage-receipt')).toHaveText([receiptA, receiptB]);
    await expect(row.getByTestId('coverage-person')).toHaveText(person.name);
  }
  await openOnlyHit(pageA, person.idNumber, person.name);
  await expect(pageA.getByTestId('person-coverage-warning')).toBeVisible();

  // XQ01 refunds its own (later) record, approved by its reviewer 刘志强.
  await pageB.getByTestId('nav-coverage').click();
  const openRow = pageB.getByTestId('coverage-open').getByTestId('coverage-row');
  const later = openRow.getByTestId('coverage-record').filter({ hasText: receiptB });
  await later.getByTestId('coverage-refund').click();
  await pageB.getByTestId('correction-reason').fill('两站重复收费');
  await pick(pageB, 'correction-reviewer', '刘志强');
  await pick(pageB, 'correction-method', '现金');
  await pageB.getByTestId('correction-submit').click();
  await expect(pageB.getByTestId('coverage-open-empty')).toBeVisible();
  const settledB = pageB.getByTestId('coverage-settled').getByTestId('coverage-row');
  await expect(settledB).toHaveAttribute('data-settled', 'true');
  await expect(settledB.getByTestId('coverage-record-status')).toHaveAttribute('data-status', 'refunded');

  // After sync it is settled at HX01 too, and the person's warning is gone.
  await syncNow(pageB);
  await syncNow(pageA);
  await pageA.getByTestId('nav-coverage').click();
  await expect(pageA.getByTestId('coverage-open-empty')).toBeVisible();
  const settledA = pageA.getByTestId('coverage-settled').getByTestId('coverage-row');
  await expect(settledA).toHaveAttribute('data-settled', 'true');
  await expect(settledA.getByTestId('coverage-record').filter({ hasText: receiptB }).getByTestId('coverage-record-status')).toHaveText('已退费');
  await openOnlyHit(pageA, person.idNumber, person.name);
  await expect(pageA.getByTestId('person-coverage-warning')).toHaveCount(0);
  await expect(pageA.locator('[data-testid="payment-row"][data-status="refunded"]')).toHaveCount(1);
});
