import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { paddedFontkit } from './padded-fontkit';
import type { ReceiptContent, ReceiptRow } from './receipt-content';

/** A4 portrait in points: any office printer takes it, and 24 lines (the schema's maximum) still fit one page. */
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 50;
const LABEL_WIDTH = 120;
const BODY = 11;
const PAD = 6;
const BLACK = rgb(0, 0, 0);
const RED = rgb(0.8, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);

/** The name the embedded font has inside the PDF, after its subset tag. */
export const RECEIPT_FONT_NAME = 'NotoSansSC-Regular';

/**
 * The six capital letters PDF 32000 §9.6.4 puts before a subset font's name
 * (ABCDEF+Name), so viewers and checkers know the font is partial. Derived
 * from the text, so the same receipt gives the same bytes.
 */
export function subsetTag(text: string): string {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

/** Splits text into lines no wider than `width` (CJK breaks anywhere; good enough for names and reasons). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && font.widthOfTextAtSize(line + ch, size) > width) {
      out.push(line);
      line = ch.trimStart();
    } else line += ch;
  }
  out.push(line);
  return out;
}

class Sheet {
  y = PAGE.height - MARGIN;
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
  ) {}

  text(s: string, x: number, y: number, size = BODY, color = BLACK): void {
    this.page.drawText(s, { x, y, size, font: this.font, color });
  }

  centred(s: string, size: number): void {
    const w = this.font.widthOfTextAtSize(s, size);
    this.text(s, (PAGE.width - w) / 2, this.y - size, size);
    this.y -= size + 10;
  }

  box(x: number, top: number, width: number, height: number): void {
    this.page.drawRectangle({ x, y: top - height, width, height, borderColor: BLACK, borderWidth: 0.6 });
  }

  /** Label/value rows in a ruled grid; a long value wraps and its row grows. */
  grid(rows: readonly ReceiptRow[]): void {
    const valueWidth = PAGE.width - 2 * MARGIN - LABEL_WIDTH - 2 * PAD;
    for (const row of rows) {
      const lines = wrap(row.value, this.font, BODY, valueWidth);
      const height = lines.length * (BODY + 4) + 2 * PAD;
      this.box(MARGIN, this.y, LABEL_WIDTH, height);
      this.box(MARGIN + LABEL_WIDTH, this.y, PAGE.width - 2 * MARGIN - LABEL_WIDTH, height);
      this.text(row.label, MARGIN + PAD, this.y - PAD - BODY, BODY, GREY);
      lines.forEach((l, i) => {
        this.text(l, MARGIN + LABEL_WIDTH + PAD, this.y - PAD - BODY - i * (BODY + 4));
      });
      this.y -= height;
    }
  }

  /** The per-pack lines as a small table; amounts right-aligned. */
  table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
    if (header.length === 0) return;
    const widths = [80, 150, 50, 100, PAGE.width - 2 * MARGIN - 380];
    const size = 10;
    const height = size + 2 * PAD;
    [header, ...rows].forEach((cells, r) => {
      let x = MARGIN;
      cells.forEach((cell, c) => {
        const w = widths[c] ?? 80;
        this.box(x, this.y, w, height);
        const numeric = r > 0 && (c === 2 || c === 4);
        const cw = this.font.widthOfTextAtSize(cell, size);
        this.text(cell, numeric ? x + w - PAD - cw : x + PAD, this.y - PAD - size + 1, size, r === 0 ? GREY : BLACK);
        x += w;
      });
      this.y -= height;
    });
  }
}

/** A bordered red stamp at the top right: 副本 COPY on reprints. */
function drawCopyMark(sheet: Sheet, mark: string): void {
  const size = 16;
  const w = sheet.font.widthOfTextAtSize(mark, size) + 2 * PAD;
  const top = PAGE.height - MARGIN + 10;
  sheet.page.drawRectangle({ x: PAGE.width - MARGIN - w, y: top - size - 2 * PAD, width: w, height: size + 2 * PAD, borderColor: RED, borderWidth: 1.5 });
  sheet.text(mark, PAGE.width - MARGIN - w + PAD, top - PAD - size + 2, size, RED);
}

/** 作废 across the sheet: a void record must never pass for a receipt. */
function drawVoidMark(sheet: Sheet, mark: string, centreY: number): void {
  const size = 72;
  const w = sheet.font.widthOfTextAtSize(mark, size);
  sheet.page.drawText(mark, {
    x: PAGE.width / 2 - w / 2, y: centreY, size, font: sheet.font, color: RED, opacity: 0.55, rotate: degrees(20),
  });
}

/** Every string the sheet draws: the subset holds exactly these glyphs. */
function allText(c: ReceiptContent): string {
  return [c.title, c.receiptNoLabel, c.receiptNo, c.copyMark ?? '', c.voidMark ?? '', c.footer,
    ...c.rows.flatMap((r) => [r.label, r.value]), ...c.amountRows.flatMap((r) => [r.label, r.value]),
    ...c.lineHeader, ...c.lines.flat()].join('');
}

/**
 * Lays out one receipt as a one-page PDF with the CJK font embedded as a
 * subset (only the glyphs used: a receipt is a few tens of KB). Pure: the
 * font bytes come in, so it runs the same in the browser, in Electron and
 * under Node in tests. Works offline.
 */
export async function buildReceiptPdf(content: ReceiptContent, fontBytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(paddedFontkit);
  const font = await doc.embedFont(fontBytes, { subset: true, customName: `${subsetTag(allText(content))}+${RECEIPT_FONT_NAME}` });
  doc.setTitle(content.documentTitle);
  doc.setLanguage('zh-CN');
  doc.setProducer('Shebao Station');
  doc.setCreator('Shebao Station');
  const sheet = new Sheet(doc.addPage([PAGE.width, PAGE.height]), font);

  if (content.copyMark !== null) drawCopyMark(sheet, content.copyMark);
  sheet.y -= 24;
  sheet.centred(content.title, 20);
  const no = `${content.receiptNoLabel}：${content.receiptNo}`;
  sheet.text(no, PAGE.width - MARGIN - font.widthOfTextAtSize(no, BODY), sheet.y - BODY);
  sheet.y -= BODY + 12;
  const gridTop = sheet.y;
  sheet.grid(content.rows);
  sheet.y -= 12;
  sheet.table(content.lineHeader, content.lines);
  if (content.lines.length > 0) sheet.y -= 12;
  sheet.grid(content.amountRows);
  sheet.y -= 18;
  sheet.text(content.footer, MARGIN, sheet.y - 9, 9, GREY);
  if (content.voidMark !== null) drawVoidMark(sheet, content.voidMark, (gridTop + sheet.y) / 2 - 20);
  return doc.save();
}
