/**
 * The handlers behind every IPC channel. Dependencies come in as arguments
 * so tests drive them with a mocked electron and a temp directory.
 */
import type { BrowserWindow, Dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { IpcChannel, IpcResponse, IpcResult, SaveFileRequest } from '../../shared/ipc';
import { err, ok } from '../../shared/result';
import type { ConfigStore } from '../config';
import type { Handle, IpcHandler } from './handle';
import { IPC_SCHEMAS } from './schemas';

export interface HandlerDeps {
  readonly appVersion: string;
  readonly platform: string;
  readonly config: Pick<ConfigStore, 'serverUrl' | 'saveServerUrl'>;
  readonly mainWindow: () => BrowserWindow | null;
  readonly dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Prints PDF bytes through the system dialog (src/main/print-pdf.ts). */
  readonly printPdf: (pdf: Uint8Array) => Promise<IpcResult<null>>;
}

/** Error codes (i18n keys errors.<code>) of the handlers. */
export const HANDLER_ERROR = {
  noWindow: 'window.missing',
  printFailed: 'print.failed',
  writeFailed: 'file.writeFailed',
} as const;

function printPage(window: BrowserWindow): Promise<IpcResponse<'print:page'>> {
  return new Promise((resolve) => {
    window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      // The user closing the dialog is not an error.
      resolve(success || failureReason === 'cancelled' ? ok(null) : err(HANDLER_ERROR.printFailed));
    });
  });
}

async function saveFile(deps: HandlerDeps, request: SaveFileRequest): Promise<IpcResponse<'file:save'>> {
  const window = deps.mainWindow();
  if (window === null) return err(HANDLER_ERROR.noWindow);
  const choice = await deps.dialog.showSaveDialog(window, {
    defaultPath: request.suggestedName,
    filters: request.filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || choice.filePath === '') return ok(null);
  const data = request.base64 ? Buffer.from(request.content, 'base64') : request.content;
  try {
    await writeFile(choice.filePath, data);
  } catch {
    return err(HANDLER_ERROR.writeFailed);
  }
  return ok(choice.filePath);
}

export function createHandlers(deps: HandlerDeps): { readonly [K in IpcChannel]: IpcHandler<K> } {
  return {
    'app:get-info': () =>
      Promise.resolve(ok({ version: deps.appVersion, platform: deps.platform, serverUrl: deps.config.serverUrl() })),
    'app:set-server-url': (request) => deps.config.saveServerUrl(request.url),
    'print:page': () => {
      const window = deps.mainWindow();
      return window === null ? Promise.resolve(err(HANDLER_ERROR.noWindow)) : printPage(window);
    },
    'print:pdf': (request) => deps.printPdf(Buffer.from(request.pdfBase64, 'base64')),
    'file:save': (request) => saveFile(deps, request),
  };
}

/** Registers every channel of the contract through the validating handle(). */
export function registerIpcHandlers(handle: Handle, deps: HandlerDeps): void {
  const handlers = createHandlers(deps);
  // K ties the schema and the handler to the same channel (a correlated
  // lookup); without it TypeScript would see unions of all channels.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  const register = <K extends IpcChannel>(channel: K): void => {
    handle(channel, IPC_SCHEMAS[channel], handlers[channel]);
  };
  // Keys of the schema map, which the compiler holds equal to the contract's channels.
  for (const channel of Object.keys(IPC_SCHEMAS) as IpcChannel[]) register(channel);
}

