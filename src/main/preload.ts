/**
 * Runs in the sandboxed preload of the main window. Exposes exactly the
 * PreloadApi of src/shared/ipc.ts as window.shebao: one named function per
 * channel, each a single ipcRenderer.invoke. No ipcRenderer, no generic
 * send(channel, ...), no Node objects cross the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcChannel, IpcRequest, IpcResponse, PreloadApi, PrintPdfRequest, SaveFileRequest } from '../shared/ipc';

function invoke<K extends IpcChannel>(channel: K, request: IpcRequest<K>): Promise<IpcResponse<K>> {
  return ipcRenderer.invoke(channel, request) as Promise<IpcResponse<K>>;
}

function getAppInfo(): Promise<IpcResponse<'app:get-info'>> {
  return invoke('app:get-info', null);
}

function setServerUrl(url: string): Promise<IpcResponse<'app:set-server-url'>> {
  return invoke('app:set-server-url', { url });
}

function printPage(): Promise<IpcResponse<'print:page'>> {
  return invoke('print:page', { silent: false });
}

function saveFile(request: SaveFileRequest): Promise<IpcResponse<'file:save'>> {
  // Copy only the contract's fields: main refuses unknown keys.
  return invoke('file:save', {
    suggestedName: request.suggestedName,
    content: request.content,
    base64: request.base64,
    filters: request.filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
  });
}

function printPdf(request: PrintPdfRequest): Promise<IpcResponse<'print:pdf'>> {
  // Copy only the contract's field: main refuses unknown keys.
  return invoke('print:pdf', { pdfBase64: request.pdfBase64 });
}

export const preloadApi = { getAppInfo, setServerUrl, printPage, saveFile, printPdf } satisfies PreloadApi;

contextBridge.exposeInMainWorld('shebao', preloadApi);
