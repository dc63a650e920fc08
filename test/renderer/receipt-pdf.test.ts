import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { capitalAmount } from '../../src/renderer/features/payments/capital-amount';
import { chinaDateTime, receiptContent, receiptFileName } from '../../src/renderer/features/receipt-pdf/receipt-content';
import { loadReceiptFont, RECEIPT_FONT_PATH } from '../../src/renderer/features/receipt-pdf/receipt-font';
import { buildReceiptPdf, RECEIPT_FONT_NAME, subsetTag } from '../../src/renderer/features/receipt-pdf/receipt-pdf';
import { RESOURCES } from '../../src/renderer/i18n/resources';
import { formatReceiptNumber } from '../../src/shared/receipts/receipt-number';
import { receiptYear } from '../../src/renderer/db/receipt-stock';
import { closedAfterEach, dataError, SESSION, STAFF } from './fixtures';
import { leaseBlocks, openPaymentStore, pensionQuarter, type PaymentStore } from './payment-fixtures';
import { testNow } from './test-clock';
import { decodeAllGlyphs, embeddedFonts, pdfText } from './pdf-inspect';

/** The font the build ships (vite.config.ts copies this very file). */
const FONT = new Uint8Array(
  readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf')),
);

const store = closedAfterEach(openPaymentStore);
let t: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: RESOURCES['zh-CN'] } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  t = i18n.getFixedT('zh-CN');
});

const receipt = (serial: number): string => formatReceiptNumber({ stationCode: SESSION.stationCode, deviceNo: SESSION.deviceNo, year: receiptYear(testNow()), serial });

/** Issues the receipt of `paymentId` as the UI does: count the print, then build the PDF for that print number. */
async function issue(s: PaymentStore, paymentId: string): Promise<{ bytes: Uint8Array; text: string; printNumber: number }> {
  const view = await s.payments.get(paymentId);
  if (!view) throw new Error('payment not found');
  const person = await s.persons.get(view.payment.personId);
  const printNumber = await s.payments.recordPrint(paymentId);
  const content = receiptContent(t, { view, person, stationName: SESSION.stationName, clerkName: STAFF[0]!.name, printNumber });
  const bytes = await buildReceiptPdf(content, FONT);
  return { bytes, text: await pdfText(bytes), printNumber };
}

describe('receipt PDF of a real payment', () => {
  it('says who paid what: name, masked ID, receipt number, amount in figures and in capitals, lines, clerk and time', async () => {
    const s = await store();
    await leaseBlocks(s, [[1, 100]]);
    const p = await s.payments.take(pensionQuarter(s.personId));
    const person = await s.persons.get(s.personId);
    const { text, printNumber } = await issue(s, p.id);

    expect(printNumber).toBe(1);
    expect(text).toContain('社会保险费收款收据');
    expect(text).toContain(person!.name);
    expect(text).toContain(`${person!.idNumber.slice(0, 6)}********${person!.idNumber.slice(-4)}`);
    expect(text).not.toContain(person!.idNumber);
    expect(text).toContain(receipt(1));
    // Tianjin 2025.1: 20% of 5124 yuan × 3 months.
    expect(p.paidFen).toBe(307440);
    expect(text).toContain('¥ 3074.40 元');
    expect(text).toContain(capitalAmount(307440));
    expect(capitalAmount(307440)).toBe('叁仟零柒拾肆元肆角整');
    expect(text).toContain('职工基本养老保险（灵活就业）');
    expect(text).toContain('2025-04 至 2025-06（3 个月）');
    expect(text).toContain('2025.1');
    expect(text).toContain('2025-04 ~ 2025-06');
    expect(text).toContain('现金');
    expect(text).toContain(STAFF[0]!.name);
    expect(text).toContain(SESSION.stationName);
    expect(text).toContain(chinaDateTime(p.createdAt));
    expect(text).toContain('第 1 次打印（原件）');
    expect(text).not.toContain('副本');
    expect(text).not.toContain('作废');
  });

  it('marks the second and every later print 副本 COPY', async () => {
    const s = await store();
    await leaseBlocks(s, [[1, 100]]);
    const p = await s.payments.take(pensionQuarter(s.personId));
    expect((await issue(s, p.id)).text).not.toContain('副本');
    const second = await issue(s, p.id);
    expect(second.printNumber).toBe(2);
    expect(second.text).toContain('副本 COPY');
    expect(second.text).toContain('第 2 次打印（副本');
    const third = await issue(s, p.id);
    expect(third.text).toContain('副本 COPY');
    expect(await s.payments.printCount(p.id)).toBe(3);
  });

  it('embeds the CJK font as a small subset whose glyphs all decode', async () => {
    const s = await store();
    await leaseBlocks(s, [[1, 100]]);
    const p = await s.payments.take(pensionQuarter(s.personId));
    const { bytes, text } = await issue(s, p.id);

    // Tens of KB, not the 10 MB font.
    expect(bytes.length).toBeLessThan(120_000);
    const fonts = await embeddedFonts(bytes);
    expect(fonts).toHaveLength(1);
    const font = fonts[0]!;
    expect(font.baseFont).toMatch(new RegExp(`^[A-Z]{6}\\+${RECEIPT_FONT_NAME}$`));
    expect(font.program).not.toBeNull();
    expect(font.program!.length).toBeLessThan(100_000);
    // Code points, not UTF-16 units: every character of the receipt is one glyph (no emoji or combining marks here).
    const distinct = new Set(Array.from(text.replace(/\s/g, ''))).size;
    const { glyphs, withOutline } = decodeAllGlyphs(font.program!);
    // Only the glyphs used (plus .notdef and space), each with its outline intact.
    expect(glyphs).toBeLessThan(distinct + 10);
    expect(withOutline).toBeGreaterThanOrEqual(distinct);
  });

  it('prints a voided receipt number as 作废 with its reason, and the number is never reused', async () => {
    const s = await store();
    await leaseBlocks(s, [[1, 100]]);
    const v = await s.payments.voidReceipt(receipt(1), '打印机卡纸', { personId: s.personId, scheme: 'employee_pension' });
    const { text } = await issue(s, v.id);
    expect(text).toContain('作废');
    expect(text).toContain('作废原因');
    expect(text).toContain('打印机卡纸');
    expect(text).toContain(receipt(1));
    expect(text).toContain(capitalAmount(0));
    const next = await s.payments.take(pensionQuarter(s.personId));
    expect(next.receiptNo).toBe(receipt(2));
    expect((await dataError(s.payments.voidReceipt(receipt(2), '重复', { personId: s.personId, scheme: 'employee_pension' }))).code).toBe('receipt.inUse');
  });

  it('names the file after the receipt number, marking copies', async () => {
    const s = await store();
    await leaseBlocks(s, [[1, 100]]);
    const p = await s.payments.take(pensionQuarter(s.personId));
    const view = (await s.payments.get(p.id))!;
    expect(receiptFileName(view, 1)).toBe(`receipt-${receipt(1)}.pdf`);
    expect(receiptFileName(view, 2)).toBe(`receipt-${receipt(1)}-copy-2.pdf`);
  });
});

describe('receipt helpers', () => {
  it('writes times as the wall clock in China reads them, whatever the machine zone', () => {
    expect(chinaDateTime('2025-03-03T16:05:09.123Z')).toBe('2025-03-04 00:05:09');
    expect(chinaDateTime('not a date')).toBe('not a date');
  });

  it('derives a six-letter subset tag from the text, the same for the same text', () => {
    expect(subsetTag('张三')).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('张三')).toBe(subsetTag('张三'));
    expect(subsetTag('张三')).not.toBe(subsetTag('李四'));
  });

  it('fetches the font once, from next to index.html, and fetches again after a failure', async () => {
    const calls: string[] = [];
    let fail = true;
    const fetchFn = (url: string) => {
      calls.push(url);
      const ok = !fail;
      return Promise.resolve({ ok, arrayBuffer: () => Promise.resolve(new Uint8Array([1, 2, 3]).buffer) });
    };
    await expect(loadReceiptFont(fetchFn, 'http://127.0.0.1:8080/index.html')).rejects.toMatchObject({ code: 'pdf.font' });
    fail = false;
    await expect(loadReceiptFont(fetchFn, 'http://127.0.0.1:8080/index.html')).resolves.toEqual(new Uint8Array([1, 2, 3]));
    await loadReceiptFont(fetchFn, 'http://127.0.0.1:8080/index.html');
    expect(calls).toEqual([`http://127.0.0.1:8080/${RECEIPT_FONT_PATH}`, `http://127.0.0.1:8080/${RECEIPT_FONT_PATH}`]);
  });
});
