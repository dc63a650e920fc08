import type { TFunction } from 'i18next';
import type { Person } from '../../../shared/person';
import type { PaymentView } from '../../data/contract';
import { capitalAmount } from '../payments/capital-amount';
import { maskIdNumber, yuanText } from '../payments/payment-format';

/** One label/value row of the receipt's grid. */
export interface ReceiptRow {
  readonly label: string;
  readonly value: string;
}

/**
 * Everything a receipt sheet says, as finished strings: the PDF layout
 * (receipt-pdf.ts) only places them. Kept apart so the wording can be
 * checked without rendering and the layout without a database.
 */
export interface ReceiptContent {
  readonly title: string;
  readonly receiptNoLabel: string;
  /** The receipt number, or the declaration note when the record has none. */
  readonly receiptNo: string;
  /** 副本 COPY: set on the second and later print of the same receipt. */
  readonly copyMark: string | null;
  /** 作废: set on a void_receipt record (a spoiled number kept on file). */
  readonly voidMark: string | null;
  readonly rows: readonly ReceiptRow[];
  /** Column titles and rows of the per-pack lines (empty for a void record). */
  readonly lineHeader: readonly string[];
  readonly lines: ReadonlyArray<readonly string[]>;
  readonly amountRows: readonly ReceiptRow[];
  /** Small print at the bottom: which print this sheet is. */
  readonly footer: string;
  /** Document title in the PDF's metadata. */
  readonly documentTitle: string;
}

export interface ReceiptSource {
  readonly view: PaymentView;
  readonly person: Person | null;
  readonly stationName: string;
  readonly clerkName: string;
  /** Which print this sheet is: 1 = the original, 2 and later = copies (副本). */
  readonly printNumber: number;
  /** For a 补差 (top_up): the receipt number of the contribution it tops up. */
  readonly originalReceiptNo?: string | null;
}

/**
 * An instant as the clock on the wall in China reads it (UTC+8, no daylight
 * saving), whatever the machine's time zone: a receipt is a Chinese document
 * and must read the same wherever it is printed. '2025-03-04 09:05:00'.
 */
export function chinaDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Collapses line breaks and runs of spaces: the sheet lays out one logical line per value. */
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The receipt's wording. `t` is fixed to the receipt's language by the
 * caller (Chinese: the receipt is an official document, see ReceiptPdfActions).
 */
export function receiptContent(t: TFunction, source: ReceiptSource): ReceiptContent {
  const { view, person, printNumber } = source;
  const p = view.payment;
  const voided = p.kind === 'void_receipt' || view.status === 'voided';
  const monthCount = p.lines.reduce((n, l) => n + l.months, 0);
  const baseFen = p.lines.find((l) => l.baseFen !== null)?.baseFen ?? null;
  const gradeId = p.lines.find((l) => l.gradeId !== null)?.gradeId ?? null;
  const dash = '—';

  const rows: ReceiptRow[] = [
    // A 补差 sheet says so and names the receipt it completes: the person files the two together.
    ...(p.kind === 'top_up' ? [{ label: t('receipt.kind'), value: t('receipt.topUpOf', { receiptNo: source.originalReceiptNo ?? dash }) }] : []),
    { label: t('receipt.station'), value: flat(source.stationName) },
    { label: t('receipt.name'), value: person ? flat(person.name) : dash },
    { label: t('receipt.idNumber'), value: person ? maskIdNumber(person.idNumber) : dash },
    { label: t('receipt.scheme'), value: t(`schemes.${p.scheme}`) },
    {
      label: t('receipt.months'),
      value: p.fromMonth && p.toMonth ? t('payments.monthsText', { from: p.fromMonth, to: p.toMonth, count: monthCount }) : dash,
    },
  ];
  if (baseFen !== null) rows.push({ label: t('receiptPdf.base'), value: t('receipt.yuan', { amount: yuanText(baseFen) }) });
  if (gradeId !== null) rows.push({ label: t('receiptPdf.grade'), value: gradeId });
  rows.push(
    { label: t('receipt.method'), value: p.method ? t(`methods.${p.method}`) : dash },
    { label: t('receipt.clerk'), value: flat(source.clerkName) },
    { label: t('receipt.date'), value: chinaDateTime(p.createdAt) },
  );
  // A reprint after a correction must not pass for a live receipt.
  if (view.status === 'reversed' || view.status === 'refunded') rows.push({ label: t('receipt.state'), value: t(`payments.status.${view.status}`) });
  if (p.reason !== null) rows.push({ label: t(voided ? 'receiptPdf.voidReason' : 'receiptPdf.reason'), value: flat(p.reason) });

  const lines = p.lines.map((l) => [
    l.packVersion,
    l.fromMonth === l.toMonth ? l.fromMonth : `${l.fromMonth} ~ ${l.toMonth}`,
    String(l.months),
    l.baseFen !== null ? yuanText(l.baseFen) : (l.gradeId ?? dash),
    yuanText(l.dueNowFen),
  ]);
  const receiptNo = p.receiptNo ?? t('receipt.declared');
  return {
    title: t('receipt.title'),
    receiptNoLabel: t('receipt.receiptNo'),
    receiptNo,
    copyMark: printNumber >= 2 ? t('receipt.copy') : null,
    voidMark: voided ? t('receiptPdf.voidMark') : null,
    rows,
    lineHeader: lines.length === 0 ? [] : [t('payments.colPack'), t('payments.colMonths'), t('receiptPdf.colCount'), t('receiptPdf.colBaseOrGrade'), t('payments.colDueNow')],
    lines,
    amountRows: [
      { label: t('receipt.amount'), value: t('receipt.yuan', { amount: yuanText(p.paidFen) }) },
      { label: t('receipt.amountCapital'), value: capitalAmount(p.paidFen) },
    ],
    footer: t(printNumber >= 2 ? 'receiptPdf.footerCopy' : 'receiptPdf.footerOriginal', { n: printNumber }),
    documentTitle: `${t('receipt.title')} ${receiptNo}`,
  };
}

/** An ASCII file name (safe in every save dialog and download): receipt-<number>[-copy-<n>].pdf. */
export function receiptFileName(view: PaymentView, printNumber: number): string {
  const key = (view.payment.receiptNo ?? view.payment.id).replace(/[^A-Za-z0-9-]/g, '');
  return `receipt-${key}${printNumber >= 2 ? `-copy-${String(printNumber)}` : ''}.pdf`;
}
