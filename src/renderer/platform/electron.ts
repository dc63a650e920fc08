import type { IpcResult, PreloadApi } from '../../shared/ipc';
import { PlatformError, type Platform } from './platform';

declare global {
  interface Window {
    /** Exposed by the preload (src/main/preload.ts) in Electron only. */
    readonly shebao?: PreloadApi;
  }
}

function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new PlatformError(result.code);
  return result.value;
}

/** Bytes → base64 in chunks (String.fromCharCode with a huge spread would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The Electron host: every call goes through the preload's named functions to main, which validates it. */
export function createElectronPlatform(api: PreloadApi): Platform {
  return {
    kind: 'electron',
    async print() {
      unwrap(await api.printPage());
    },
    async printPdf(pdf) {
      unwrap(await api.printPdf({ pdfBase64: bytesToBase64(pdf) }));
    },
    async saveFile(name, content, mime) {
      const ext = extensionOf(name);
      const path = unwrap(
        await api.saveFile({
          suggestedName: name,
          content: typeof content === 'string' ? content : bytesToBase64(content),
          base64: typeof content !== 'string',
          filters: ext === '' ? [] : [{ name: mime, extensions: [ext] }],
        }),
      );
      return path !== null;
    },
    async serverUrl() {
      return unwrap(await api.getAppInfo()).serverUrl.replace(/\/+$/, '');
    },
    async appVersion() {
      return unwrap(await api.getAppInfo()).version;
    },
  };
}
