/**
 * Small hand-made stand-ins for the Electron objects main touches. They
 * record what main registers so tests can fire the events and inspect the
 * answers. Only the members main uses exist.
 */
import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

export interface FakeNavigationEvent {
  readonly url: string;
  readonly preventDefault: () => void;
  prevented: boolean;
}

export function navigationEvent(url: string): FakeNavigationEvent {
  const event = {
    url,
    prevented: false,
    preventDefault: () => {
      event.prevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly id: number) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export interface FakeFrame {
  readonly url: string;
  readonly parent: FakeFrame | null;
}

/** An invoke event as Electron would deliver it from `contents`, sent by `frame`. */
export function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

export const mainFrame = (url: string): FakeFrame => ({ url, parent: null });

export type InvokeListener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

/** Records ipcMain.handle registrations; invoke() calls one like Electron would. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  invoke(channel: string, event: IpcMainInvokeEvent, payload: unknown): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener(event, payload);
  }
}
