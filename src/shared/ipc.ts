/**
 * The one IPC contract between the Electron main process and the renderer.
 * Main registers exactly these channels through one typed, validating
 * handle(); the preload exposes exactly these as named functions. Never add
 * a generic send(channel, ...).
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string };

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** Base URL of the sync server the client is configured for. */
  readonly serverUrl: string;
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  /** Text content, or bytes as base64 when `base64` is true. */
  readonly content: string;
  readonly base64: boolean;
  readonly filters: ReadonlyArray<{ readonly name: string; readonly extensions: readonly string[] }>;
}

export interface PrintPdfRequest {
  /** The PDF's bytes as base64 (structured clone would do, but every channel sends plain JSON-able values). */
  readonly pdfBase64: string;
}

export type IpcContract = {
  'app:get-info': (req: null) => Promise<IpcResult<AppInfo>>;
  'app:set-server-url': (req: { readonly url: string }) => Promise<IpcResult<null>>;
  /** Opens the system print dialog for the current page. */
  'print:page': (req: { readonly silent: false }) => Promise<IpcResult<null>>;
  /** Opens the system print dialog for a PDF (a receipt) given as base64; main shows it in a hidden window. */
  'print:pdf': (req: PrintPdfRequest) => Promise<IpcResult<null>>;
  /** Shows a save dialog and writes the file; value is the chosen path or null when cancelled. */
  'file:save': (req: SaveFileRequest) => Promise<IpcResult<string | null>>;
};

export type IpcChannel = keyof IpcContract;
export type IpcRequest<K extends IpcChannel> = Parameters<IpcContract[K]>[0];
export type IpcResponse<K extends IpcChannel> = Awaited<ReturnType<IpcContract[K]>>;

/** The object the preload exposes as window.shebao: one named function per channel. */
export type PreloadApi = {
  readonly getAppInfo: () => Promise<IpcResponse<'app:get-info'>>;
  readonly setServerUrl: (url: string) => Promise<IpcResponse<'app:set-server-url'>>;
  readonly printPage: () => Promise<IpcResponse<'print:page'>>;
  readonly saveFile: (req: SaveFileRequest) => Promise<IpcResponse<'file:save'>>;
  readonly printPdf: (req: PrintPdfRequest) => Promise<IpcResponse<'print:pdf'>>;
};
