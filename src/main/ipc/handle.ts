/**
 * The one way main answers IPC. Each channel of src/shared/ipc.ts is
 * registered through handle(), which
 *  1. drops calls whose sender is not the main frame of our window showing
 *     an app:// page (a subframe or a navigated-away page gets nothing),
 *  2. validates the payload against the channel's zod schema,
 *  3. never lets an exception cross IPC: failures become { ok: false, code }.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../shared/ipc';
import { isAppUrl } from '../app-origin';

/** Error codes (i18n keys errors.<code>) produced by the IPC layer itself. */
export const IPC_ERROR = {
  forbidden: 'ipc.forbidden',
  invalidInput: 'ipc.invalidInput',
  internal: 'ipc.internal',
} as const;

export type IpcHandler<K extends IpcChannel> = (request: IpcRequest<K>, event: IpcMainInvokeEvent) => Promise<IpcResponse<K>>;

export type Handle = <K extends IpcChannel>(channel: K, schema: z.ZodType<IpcRequest<K>>, fn: IpcHandler<K>) => void;

/**
 * The sender must be the top frame of the window's own webContents and be
 * showing our app:// origin. `trustedContents` returns the main window's
 * webContents (null before it exists or after it is gone).
 */
export function isTrustedSender(event: IpcMainInvokeEvent, trustedContents: () => WebContents | null): boolean {
  const contents = trustedContents();
  const frame = event.senderFrame;
  if (contents === null || frame === null) return false;
  if (event.sender.id !== contents.id) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export function createHandle(ipc: Pick<IpcMain, 'handle'>, trustedContents: () => WebContents | null): Handle {
  return <K extends IpcChannel>(channel: K, schema: z.ZodType<IpcRequest<K>>, fn: IpcHandler<K>): void => {
    ipc.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcResponse<K> | { ok: false; code: string }> => {
      if (!isTrustedSender(event, trustedContents)) return { ok: false, code: IPC_ERROR.forbidden };
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return { ok: false, code: IPC_ERROR.invalidInput };
      try {
        return await fn(parsed.data, event);
      } catch (error: unknown) {
        console.error(`ipc ${channel} failed`, error);
        return { ok: false, code: IPC_ERROR.internal };
      }
    });
  };
}
