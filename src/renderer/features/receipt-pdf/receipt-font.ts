import { DataError } from '../../data/contract';

/**
 * Where the build puts the receipt font (vite.config.ts, receiptFont()),
 * relative to index.html. Under assets/ so the service worker serves it from
 * its cache when the station is offline (web host mode); inside Electron it
 * comes from app:// like every other built file.
 */
export const RECEIPT_FONT_PATH = 'assets/fonts/NotoSansSC-Regular.ttf';

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'arrayBuffer'>>;

let cached: Promise<Uint8Array> | null = null;

/**
 * The full Noto Sans SC (about 10 MB), fetched on the first receipt and kept
 * for the life of the page: every later receipt only subsets it. A failed
 * fetch is not kept, so the next try fetches again. Throws DataError
 * 'pdf.font' when the file cannot be had.
 */
export function loadReceiptFont(fetchFn: FetchLike = (url) => fetch(url), base: string = document.baseURI): Promise<Uint8Array> {
  if (cached) return cached;
  const loading = (async () => {
    let res: Pick<Response, 'ok' | 'arrayBuffer'>;
    try {
      res = await fetchFn(new URL(RECEIPT_FONT_PATH, base).href);
    } catch {
      throw new DataError('pdf.font');
    }
    if (!res.ok) throw new DataError('pdf.font');
    return new Uint8Array(await res.arrayBuffer());
  })();
  cached = loading;
  loading.catch(() => {
    if (cached === loading) cached = null;
  });
  return loading;
}
