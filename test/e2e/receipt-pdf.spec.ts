import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { embeddedFonts, pdfText } from '../renderer/pdf-inspect';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { openEnrolled, randomSeq, register, residentId } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];

/** Clicks 下载 PDF and returns the PDF the browser saved, with its text. */
async function downloadReceipt(page: Page): Promise<{ name: string; bytes: Uint8Array; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-download').click()]);
  const bytes = new Uint8Array(await readFile(await download.path()));
  return { name: download.suggestedFilename(), bytes, text: await pdfText(bytes) };
}

type PdfWindow = Window & { __pdfBlobs?: Blob[] };

/** From now on, keeps every PDF blob the page makes (the print frame's source among them). */
async function keepPdfBlobs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as PdfWindow;
    w.__pdfBlobs = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob && obj.type === 'application/pdf') w.__pdfBlobs?.push(obj);
      return create(obj);
    };
  });
}

/** The last PDF the page made (read from the Blob itself: the CSP rightly refuses fetch() of blob: URLs). */
async function lastPdfBlob(page: Page): Promise<{ bytes: Uint8Array; text: string }> {
  const base64 = await page.evaluate(async () => {
    const blobs = (window as PdfWindow).__pdfBlobs ?? [];
    const last = blobs[blobs.length - 1];
    if (!last) throw new Error('no PDF made');
    let binary = '';
    for (const b of new Uint8Array(await last.arrayBuffer())) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  return { bytes, text: await pdfText(bytes) };
}

/** One month of employee pension at the Tianjin floor (5124 yuan → 1024.80 yuan), saved from the form. */
async function takeFloorPayment(page: Page): Promise<string> {
  const month = todayInChina().slice(0, 7);
  await page.getByTestId('detail-take-payment').click();
  await page.getByTestId('pay-from').fill(month);
  await page.getByTestId('pay-to').fill(month);
  await page.getByTestId('pay-base').fill('5124');
  await expect(page.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await page.getByTestId('pay-base').press('Enter');
  const receiptNo = page.getByTestId('receipt-no');
  await expect(receiptNo).toHaveText(/^HX01-\d{3}-\d{4}-\d{6}-[0-9A-Z]$/);
  return (await receiptNo.textContent()) ?? '';
}

test('the receipt PDF downloads with its text and an embedded CJK subset font; a reprint says 副本; a spoiled number is voided and listed', async () => {
  const person = { idNumber: residentId('120104', '19620915', randomSeq()), name: '司马收据', phone: '13822223333' };
  const page = await openEnrolled(a, env.server().url, DEMO.A);
  await register(page, person);
  const number = await takeFloorPayment(page);

  // First sheet: the original.
  await expect(page.getByTestId('receipt-copy')).toHaveCount(0);
  const first = await downloadReceipt(page);
  expect(first.name).toBe(`receipt-${number}.pdf`);
  expect(first.text).toContain('社会保险费收款收据');
  expect(first.text).toContain(person.name);
  expect(first.text).toContain(number);
  expect(first.text).toContain('¥ 1024.80 元');
  expect(first.text).toContain('壹仟零贰拾肆元捌角整');
  expect(first.text).toContain(DEMO.A.name);
  expect(first.text).not.toContain(person.idNumber);
  expect(first.text).not.toContain('副本');
  const fonts = await embeddedFonts(first.bytes);
  expect(fonts.map((f) => f.baseFont)).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/)]);
  expect(fonts[0]!.program).not.toBeNull();
  expect(first.bytes.length).toBeLessThan(120_000);
  // The screen now shows what the next sheet will be.
  await expect(page.getByTestId('receipt-copy')).toBeVisible();

  // 打印 prints the PDF (a hidden frame in the browser) and counts as the second sheet; the next download is the third.
  await keepPdfBlobs(page);
  await page.getByTestId('receipt-print').click();
  // print() was called on the frame showing the PDF (fixtures.ts counts it: headless Chromium has no print dialog).
  await expect.poll(() => page.evaluate(() => (window as Window & { __shebaoPdfPrints?: number }).__shebaoPdfPrints ?? 0)).toBe(1);
  await expect(page.locator('#shebao-pdf-print-frame')).toHaveCount(1);
  const printed = await lastPdfBlob(page);
  expect(printed.text).toContain('副本 COPY');
  expect(printed.text).toContain('第 2 次打印');
  expect(printed.text).toContain(number);
  await expect(page.getByTestId('receipt-print')).toBeEnabled();
  const third = await downloadReceipt(page);
  expect(third.name).toBe(`receipt-${number}-copy-3.pdf`);
  expect(third.text).toContain('副本 COPY');
  expect(third.text).toContain('第 3 次打印');
  expect(third.text).toContain(number);

  // A form torn in the printer: void the next number from the payment page.
  await page.getByTestId('receipt-back').click();
  await page.getByTestId('detail-take-payment').click();
  const next = (await page.getByTestId('pay-next-receipt').textContent())?.match(/HX01-[0-9A-Z-]+/)?.[0] ?? '';
  expect(next).not.toBe('');
  expect(next).not.toBe(number);
  await page.getByTestId('void-receipt-open').click();
  await expect(page.getByTestId('void-receipt-no')).toHaveValue(next);
  // No reason: refused, nothing stored.
  await page.getByTestId('void-receipt-ok').click();
  await expect(page.getByTestId('void-receipt-error')).toContainText('请填写作废原因');
  // A number that is already on a receipt: refused by the data layer.
  await page.getByTestId('void-receipt-no').fill(number);
  await page.getByTestId('void-receipt-reason').fill('打印机卡纸');
  await page.getByTestId('void-receipt-ok').click();
  await expect(page.getByTestId('void-receipt-error')).toContainText(`收据号 ${number} 已使用或已作废`);
  await page.getByTestId('void-receipt-no').fill(next);
  await page.getByTestId('void-receipt-ok').click();
  await expect(page.getByTestId('void-receipt-modal')).toBeHidden();
  // The voided number is skipped: the next receipt gets the one after it.
  await expect(page.getByTestId('pay-next-receipt')).not.toContainText(next);

  await page.getByTestId('pay-cancel').click();
  const rows = page.getByTestId('payment-row');
  await expect(rows).toHaveCount(2);
  const voided = rows.filter({ has: page.locator('[data-status="voided"]') });
  await expect(voided).toHaveCount(1);
  await expect(voided).toContainText(next);
  await expect(voided).toContainText('已作废');
  await expect(voided).toContainText('作废收据号');
});
