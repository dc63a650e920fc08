import type { Platform } from './platform';
import { printPdfInFrame } from './web-print-pdf';

/** Defined by vite.config.ts; absent under plain Node. */
declare const __APP_VERSION__: string | undefined;

/** The plain-browser host (web host mode): the sync server also serves the app, so its origin is the server. */
export function createWebPlatform(win: Window = window): Platform {
  return {
    kind: 'web',
    print() {
      win.print();
      return Promise.resolve();
    },
    printPdf: (pdf) => printPdfInFrame(win, pdf),
    saveFile(name, content, mime) {
      // A download link: the browser decides where it goes (no "cancelled" signal exists).
      const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
      const url = URL.createObjectURL(new Blob([part], { type: mime }));
      try {
        const a = win.document.createElement('a');
        a.href = url;
        a.download = name;
        a.rel = 'noopener';
        win.document.body.append(a);
        a.click();
        a.remove();
      } finally {
        // Revoked after the click has started the download.
        setTimeout(() => { URL.revokeObjectURL(url); }, 0);
      }
      return Promise.resolve(true);
    },
    serverUrl: () => Promise.resolve(win.location.origin),
    appVersion: () => Promise.resolve(typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'),
  };
}
