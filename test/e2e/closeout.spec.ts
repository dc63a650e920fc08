import { expect, test, type Page } from '@playwright/test';
import { nextDay } from '../../src/shared/closeout/closeout-days';
import { todayInChina } from '../../src/shared/id-number';
import { compareReceipts } from '../../src/shared/closeout/closeout-totals';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { openEnrolled, openOnlyHit, randomSeq, register, residentId } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];

interface Taken {
  readonly receiptNo: string;
  readonly fen: number;
  readonly method: string;
  readonly scheme: string;
}

/** Picks an option of an antd Select by its visible label. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).click();
}

/** '1024.80 元' → 102480: the amount as the receipt shows it. */
function fenOf(text: string): number {
  const m = /(\d+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no amount in ${text}`);
  return Number(m[1]) * 100 + Number(m[2]);
}

/** Takes one window payment for the person whose page is open and reads the receipt's number and amount. */
async function takePayment(page: Page, p: { scheme: string; schemeLabel: string; method: string; methodLabel: string; month: string; base: string }): Promise<Taken> {
  await page.getByTestId('detail-take-payment').click();
  await expect(page.getByTestId('pay-next-receipt')).toBeVisible();
  await pick(page, 'pay-scheme', p.schemeLabel);
  await page.getByTestId('pay-from').fill(p.month);
  await page.getByTestId('pay-to').fill(p.month);
  await page.getByTestId('pay-base').fill(p.base);
  await pick(page, 'pay-method', p.methodLabel);
  await expect(page.getByTestId('pay-error')).toHaveCount(0);
  await expect(page.getByTestId('pay-due-total')).not.toHaveAttribute('data-fen', '0');
  await page.getByTestId('pay-save').click();
  const receiptNo = page.getByTestId('receipt-no');
  await expect(receiptNo).toHaveText(/^HX01-\d{3}-\d{4}-\d{6}-[0-9A-Z]$/);
  await expect(page.getByTestId('receipt-method')).toHaveText(p.methodLabel);
  const taken = { receiptNo: (await receiptNo.textContent()) ?? '', fen: fenOf((await page.getByTestId('receipt-amount').textContent()) ?? ''), method: p.method, scheme: p.scheme };
  await page.getByTestId('receipt-back').click();
  await expect(page.getByTestId('detail-name')).toBeVisible();
  return taken;
}

async function openCloseout(page: Page): Promise<void> {
  await page.getByTestId('nav-closeout').click();
  await expect(page.getByTestId('closeout-sheet')).toBeVisible();
}

const sumFen = (xs: readonly Taken[]): number => xs.reduce((s, x) => s + x.fen, 0);

test('close-out totals equal the sum of the day\'s receipts; after closing, a new payment counts on the next day', async () => {
  const month = todayInChina().slice(0, 7);
  const today = todayInChina();
  const page = await openEnrolled(a, env.server().url, DEMO.A);
  const first = { idNumber: residentId('120103', '19560101', randomSeq()), name: '赵日结' };
  const second = { idNumber: residentId('120103', '19570202', randomSeq()), name: '钱日结' };
  await register(page, second);
  await register(page, first);

  // Three payments by three methods over two schemes, each read back from its receipt.
  const pension = { scheme: 'employee_pension', schemeLabel: '职工基本养老保险（灵活就业）', month, base: '5124' };
  const medical = { scheme: 'employee_medical', schemeLabel: '职工基本医疗保险（灵活就业）', month, base: '6000' };
  const taken: Taken[] = [];
  taken.push(await takePayment(page, { ...pension, method: 'cash', methodLabel: '现金' }));
  taken.push(await takePayment(page, { ...medical, method: 'bank_card', methodLabel: '银行卡' }));
  await openOnlyHit(page, second.idNumber, second.name);
  taken.push(await takePayment(page, { ...pension, base: '7000', method: 'mobile', methodLabel: '移动支付' }));

  // A spoiled number (torn in the printer) is voided: the next free one.
  const voided = await voidNextReceipt(page);

  await openCloseout(page);
  await expect(page.getByTestId('closeout-status')).toHaveAttribute('data-closed', 'false');
  await expect(page.getByTestId('closeout-sheet-day')).toHaveText(today);
  await expect(page.getByTestId('closeout-record-row')).toHaveCount(4);
  await expect(page.getByTestId('closeout-taken')).toHaveAttribute('data-fen', String(sumFen(taken)));
  await expect(page.getByTestId('closeout-returned')).toHaveAttribute('data-fen', '0');
  await expect(page.getByTestId('closeout-net')).toHaveAttribute('data-fen', String(sumFen(taken)));
  for (const method of ['cash', 'bank_card', 'mobile']) {
    const row = page.locator(`[data-testid="closeout-method-row"][data-method="${method}"]`);
    await expect(row).toHaveAttribute('data-taken', String(sumFen(taken.filter((x) => x.method === method))));
    await expect(row).toHaveAttribute('data-count', '1');
  }
  await expect(page.getByTestId('closeout-method-row')).toHaveCount(3);
  for (const scheme of ['employee_pension', 'employee_medical']) {
    const mine = taken.filter((x) => x.scheme === scheme);
    const row = page.locator(`[data-testid="closeout-scheme-row"][data-scheme="${scheme}"]`);
    await expect(row).toHaveAttribute('data-taken', String(sumFen(mine)));
    await expect(row).toHaveAttribute('data-count', String(mine.length));
  }
  await expect(page.getByTestId('closeout-method-total')).toHaveAttribute('data-taken', String(sumFen(taken)));
  const numbers = [...taken.map((x) => x.receiptNo), voided].sort(compareReceipts);
  await expect(page.getByTestId('closeout-receipt-from')).toHaveText(numbers[0] ?? '');
  await expect(page.getByTestId('closeout-receipt-to')).toHaveText(numbers[numbers.length - 1] ?? '');
  await expect(page.getByTestId('closeout-voided-item')).toHaveText([voided]);

  // Close the day (confirmed in a dialog): it shows 已日结 with the time, and the note about the next day.
  await page.getByTestId('closeout-close').click();
  await expect(page.getByTestId('closeout-confirm-text')).toContainText('4');
  await page.getByTestId('closeout-confirm-ok').click();
  await expect(page.getByTestId('closeout-status')).toHaveAttribute('data-closed', 'true');
  await expect(page.getByTestId('closeout-status')).toContainText('已日结');
  await expect(page.getByTestId('closeout-locked-note')).toContainText(nextDay(today));
  await expect(page.getByTestId('closeout-close')).toBeDisabled();
  const history = page.getByTestId('closeout-history-row');
  await expect(history).toHaveCount(1);
  await expect(history).toHaveAttribute('data-day', today);
  await expect(history).toHaveAttribute('data-taken', String(sumFen(taken)));

  // Another payment after the close: not in the closed day, counted on the next one.
  await openOnlyHit(page, first.idNumber, first.name);
  const later = await takePayment(page, { ...medical, base: '5124', method: 'cash', methodLabel: '现金' });
  await openCloseout(page);
  await expect(page.getByTestId('closeout-status')).toHaveAttribute('data-closed', 'true');
  await expect(page.getByTestId('closeout-record-row')).toHaveCount(4);
  await expect(page.getByTestId('closeout-taken')).toHaveAttribute('data-fen', String(sumFen(taken)));
  await expect(page.locator('[data-testid="closeout-records"]')).not.toContainText(later.receiptNo);
  await page.getByTestId('closeout-open-next').click();
  await expect(page.getByTestId('closeout-sheet-day')).toHaveText(nextDay(today));
  await expect(page.getByTestId('closeout-status')).toHaveAttribute('data-closed', 'false');
  await expect(page.getByTestId('closeout-record-row')).toHaveCount(1);
  await expect(page.getByTestId('closeout-records')).toContainText(later.receiptNo);
  await expect(page.getByTestId('closeout-taken')).toHaveAttribute('data-fen', String(later.fen));
  await expect(page.getByTestId('closeout-receipt-from')).toHaveText(later.receiptNo);
  // The next day has not begun: it cannot be closed yet.
  await expect(page.getByTestId('closeout-close')).toBeDisabled();
});

/** Voids the next free receipt number from the payment page (作废票号) and returns it. */
async function voidNextReceipt(page: Page): Promise<string> {
  await page.getByTestId('detail-take-payment').click();
  const next = page.getByTestId('pay-next-receipt');
  await expect(next).toBeVisible();
  const number = /HX01-\d{3}-\d{4}-\d{6}-[0-9A-Z]/.exec((await next.textContent()) ?? '')?.[0] ?? '';
  expect(number).not.toBe('');
  await page.getByTestId('void-receipt-open').click();
  await expect(page.getByTestId('void-receipt-no')).toHaveValue(number);
  await page.getByTestId('void-receipt-reason').fill('打印卡纸');
  await page.getByTestId('void-receipt-ok').click();
  await expect(next).not.toContainText(number);
  await page.getByTestId('pay-cancel').click();
  await expect(page.getByTestId('detail-name')).toBeVisible();
  return number;
}
