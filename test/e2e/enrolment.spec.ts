import { expect, test, type Locator, type Page } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths } from '../../src/shared/months';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { listAll, openEnrolled, openOnlyHit, syncNow } from './station-ui';

const env = useServerAndStations(2);
const [a, b] = env.stations as [StationProfile, StationProfile];

const schemeRow = (page: Page, scheme: string): Locator => page.locator(`[data-testid="enrolment-row"][data-scheme="${scheme}"]`);

/** The history rows as the clerk reads them: scheme, status, month, reason, staff (station and time left out). */
async function historyCells(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('enrolment-history-row');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).slice(0, 5));
  return out;
}

test('enrol a demo person in residents\' pension at HX01, suspend with a reason; history shows both; XQ01 sees the same after sync', async () => {
  const month = todayInChina().slice(0, 7);
  const lastMonth = addMonths(month, -1);
  const pageA = await openEnrolled(a, env.server().url, DEMO.A);
  const pageB = await openEnrolled(b, env.server().url, DEMO.B);

  // A demo person from the seeded register.
  await listAll(pageA);
  const first = pageA.getByTestId('persons-row').first();
  const name = (await first.getByTestId('persons-row-name').textContent()) ?? '';
  await first.click();
  await expect(pageA.getByTestId('detail-name')).toHaveText(name);
  const idNumber = (await pageA.getByTestId('detail-id-number').textContent()) ?? '';

  const row = schemeRow(pageA, 'residents_pension');
  await expect(row).toHaveAttribute('data-status', 'none');
  await expect(pageA.getByTestId('enrolment-history-row')).toHaveCount(0);

  // 参保登记 from last month, keyboard: the month field has focus, Enter saves.
  await row.getByTestId('enrolment-enrol').click();
  const monthBox = pageA.getByTestId('enrolment-month');
  await expect(monthBox).toBeFocused();
  await expect(monthBox).toHaveValue(month);
  await monthBox.fill(lastMonth.replace('-', ''));
  await monthBox.press('Enter');
  await expect(pageA.getByTestId('enrolment-modal')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row.getByTestId('enrolment-since')).toHaveText(lastMonth);

  // 变更状态 → 暂停 from this month, with a reason.
  await row.getByTestId('enrolment-change').click();
  await pageA.getByTestId('enrolment-status-suspended').click();
  await expect(pageA.getByTestId('enrolment-month')).toHaveValue(month);
  await pageA.getByTestId('enrolment-reason').fill('外出务工');
  await pageA.getByTestId('enrolment-reason').press('Enter');
  await expect(row).toHaveAttribute('data-status', 'suspended');
  await expect(row.getByTestId('enrolment-since')).toHaveText(month);

  // A change dated before the latest one is refused with a clear message, and nothing is stored.
  await row.getByTestId('enrolment-change').click();
  await pageA.getByTestId('enrolment-month').fill(lastMonth);
  await pageA.getByTestId('enrolment-submit').click();
  await expect(pageA.getByTestId('enrolment-error')).toContainText(`不能早于最近一次变更的月份（${month}）`);
  await pageA.getByTestId('enrolment-month').press('Escape');
  await expect(pageA.getByTestId('enrolment-modal')).toHaveCount(0);

  const history = pageA.getByTestId('enrolment-history-row');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toHaveAttribute('data-status', 'suspended');
  await expect(history.nth(0).getByTestId('enrolment-history-reason')).toHaveText('外出务工');
  await expect(history.nth(1)).toHaveAttribute('data-status', 'active');
  const cellsA = await historyCells(pageA);
  expect(cellsA.map((c) => c.slice(0, 4))).toEqual([
    ['城乡居民基本养老保险', '暂停', month, '外出务工'],
    ['城乡居民基本养老保险', '参保缴费', lastMonth, '—'],
  ]);
  // The person's change history names the enrolment too.
  await expect(pageA.locator('[data-testid="history-row"][data-action="enrolment"]')).toHaveCount(2);

  // After sync the other station sees the same status, since-month and history, with A's staff names.
  await syncNow(pageA);
  await syncNow(pageB);
  await openOnlyHit(pageB, idNumber, name);
  const rowB = schemeRow(pageB, 'residents_pension');
  await expect(rowB).toHaveAttribute('data-status', 'suspended');
  await expect(rowB.getByTestId('enrolment-since')).toHaveText(month);
  await expect(pageB.getByTestId('enrolment-history-row')).toHaveCount(2);
  await expect.poll(() => historyCells(pageB)).toEqual(cellsA);

  // Taking employee pension for a person not enrolled in it: a warning, not a refusal.
  await pageB.getByTestId('detail-take-payment').click();
  await pageB.getByTestId('pay-from').fill(month);
  await pageB.getByTestId('pay-to').fill(month);
  await expect(pageB.getByTestId('pay-not-enrolled')).toContainText(`职工基本养老保险（灵活就业）中有 1 个月不是参保缴费状态（${month}）`);
  await pageB.getByTestId('pay-base').fill('5124');
  await expect(pageB.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await expect(pageB.getByTestId('pay-save')).toBeEnabled();
});
