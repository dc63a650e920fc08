/** The one hidden frame used for printing, so a print never piles up frames or blob URLs. */
const FRAME_ID = 'shebao-pdf-print-frame';

/**
 * Prints a PDF from a plain browser: a hidden same-origin iframe shows the
 * PDF (a blob: URL, hence `frame-src blob:` in the CSP) in the browser's PDF
 * viewer, and its window's print() opens the print dialog for the PDF
 * itself, not for the page. The previous frame is removed only when the
 * next print starts: the viewer prints asynchronously and removing its frame
 * early would cancel the dialog.
 */
export function printPdfInFrame(win: Window, pdf: Uint8Array): Promise<void> {
  const doc = win.document;
  const old = doc.getElementById(FRAME_ID);
  if (old instanceof HTMLIFrameElement) {
    URL.revokeObjectURL(old.src);
    old.remove();
  }
  const url = URL.createObjectURL(new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }));
  const frame = doc.createElement('iframe');
  frame.id = FRAME_ID;
  frame.title = 'print';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Out of sight but rendered: a display:none frame gets no PDF viewer in Chromium.
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  return new Promise<void>((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        try {
          const target = frame.contentWindow;
          if (target === null) throw new Error('print frame has no window');
          target.focus();
          target.print();
          resolve();
        } catch (error: unknown) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.src = url;
    doc.body.append(frame);
  });
}
