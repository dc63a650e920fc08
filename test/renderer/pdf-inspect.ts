/**
 * Reads a PDF back the way a checker would: its text through pdf.js (what a
 * viewer or a screen reader extracts) and its fonts through pdf-lib (what is
 * embedded). Shared by the renderer test and the e2e test (which downloads
 * the PDF from the real app).
 */
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

/** Every text run of every page, one per line, in drawing order. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // A copy: pdf.js transfers (detaches) the buffer it is given.
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) out.push(item.str);
  }
  await doc.destroy();
  return out.join('\n');
}

export interface EmbeddedFont {
  /** e.g. ABCDEF+NotoSansSC-Regular */
  readonly baseFont: string;
  readonly subtype: string;
  /** The decoded font program (FontFile2), or null when the font is not embedded. */
  readonly program: Uint8Array | null;
}

function lookup(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

/** The Type0 (composite) fonts of the document with their embedded TrueType programs. */
export async function embeddedFonts(bytes: Uint8Array): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(bytes);
  const fonts: EmbeddedFont[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = String(obj.get(PDFName.of('Subtype')));
    if (subtype !== '/Type0') continue;
    const descendants = lookup(doc, obj.get(PDFName.of('DescendantFonts')));
    const first = descendants && 'get' in descendants && typeof descendants.get === 'function' ? lookup(doc, (descendants.get as (i: number) => PDFObject)(0)) : undefined;
    let program: Uint8Array | null = null;
    if (first instanceof PDFDict) {
      const descriptor = lookup(doc, first.get(PDFName.of('FontDescriptor')));
      const file = descriptor instanceof PDFDict ? lookup(doc, descriptor.get(PDFName.of('FontFile2'))) : undefined;
      if (file instanceof PDFRawStream) program = decodePDFRawStream(file).decode();
    }
    fonts.push({ baseFont: String(obj.get(PDFName.of('BaseFont'))).replace(/^\//, ''), subtype, program });
  }
  return fonts;
}

/**
 * Decodes every glyph outline of a TrueType program; returns the number of
 * glyphs. Throws when a glyph cannot be read, as happens when a subset's
 * 'loca' offsets are wrong (the bug padded-fontkit.ts works around): the
 * text still extracts, but viewers draw blanks.
 */
export function decodeAllGlyphs(program: Uint8Array): { readonly glyphs: number; readonly withOutline: number } {
  const font = fontkit.create(program);
  let withOutline = 0;
  for (let id = 0; id < font.numGlyphs; id++) {
    if (font.getGlyph(id).path.toSVG() !== '') withOutline++;
  }
  return { glyphs: font.numGlyphs, withOutline };
}
