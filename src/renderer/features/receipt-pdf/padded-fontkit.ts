import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

/** pdf-lib does not export its Fontkit type from the package root. */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** The parts of fontkit's TTFSubset that the fix below touches (not in its published types). */
interface TtfSubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

function isTtfSubset(subset: unknown): subset is TtfSubsetInternals {
  if (typeof subset !== 'object' || subset === null) return false;
  return '_addGlyph' in subset && typeof subset._addGlyph === 'function';
}

/**
 * fontkit's TrueType subsetter copies each glyph's bytes as they are and,
 * when the subset is under 64 KiB (every receipt), writes the short 'loca'
 * format, which stores offset/2. A glyph of odd length then shifts every
 * later offset by half a byte: viewers draw most characters as blanks while
 * text extraction still "works" (ToUnicode is fine). Noto Sans SC has many
 * odd-length glyphs. Padding each glyph to an even length (zeros after a
 * glyph are ignored, as the OpenType spec allows) fixes it. Present in
 * @pdf-lib/fontkit 1.1.1 and fontkit 2.0.4; test/renderer/receipt-pdf.test.ts
 * decodes every glyph of an embedded subset so a regression cannot pass.
 */
function padGlyphs(subset: TtfSubsetInternals): void {
  const addGlyph = subset._addGlyph.bind(subset);
  subset._addGlyph = (gid: number): number => {
    const index = addGlyph(gid);
    const data = subset.glyf[index];
    if (data !== undefined && data.length % 2 === 1) {
      // The same Buffer class fontkit used (its bundled polyfill in the browser):
      // its encoder refuses plain Uint8Arrays. alloc() zero-fills.
      const alloc = (data.constructor as { alloc?: (size: number) => Uint8Array }).alloc;
      const padded = alloc ? alloc(data.length + 1) : new Uint8Array(data.length + 1);
      padded.set(data);
      subset.glyf[index] = padded;
      subset.offset += 1;
    }
    return index;
  };
}

/** @pdf-lib/fontkit with even-length glyphs in TrueType subsets (CFF fonts are left as they are). */
export const paddedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      if (isTtfSubset(subset)) padGlyphs(subset);
      return subset;
    };
    return font;
  },
};
