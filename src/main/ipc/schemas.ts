/**
 * Payload schemas, one per channel of src/shared/ipc.ts. The mapped type
 * makes a channel without a schema a compile error. Objects are strict
 * (unknown keys refused) and every string has a length cap, because the
 * renderer is treated as untrusted input like any other.
 */
import { z } from 'zod';
import type { IpcChannel, IpcRequest } from '../../shared/ipc';
import { MAX_SERVER_URL_LENGTH } from '../config';

/** 50 MiB of base64 text (about 37 MiB of bytes): far above any export we make, far below memory trouble. */
export const MAX_SAVE_CONTENT_LENGTH = 50 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;

const fileName = z
  .string()
  .min(1)
  .max(MAX_FILE_NAME_LENGTH)
  // A name, not a path: the user picks the folder in the dialog.
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', { message: 'not a plain file name' });

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

const saveFileSchema = z
  .strictObject({
    suggestedName: fileName,
    content: z.string().max(MAX_SAVE_CONTENT_LENGTH),
    base64: z.boolean(),
    filters: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100),
          extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/)).min(1).max(10),
        }),
      )
      .max(10),
  })
  .refine((req) => !req.base64 || (req.content.length % 4 === 0 && base64Pattern.test(req.content)), {
    message: 'content is not base64',
  });

/** A receipt PDF is tens of KB; 20 MiB of base64 leaves room for any page we could print. */
export const MAX_PRINT_PDF_LENGTH = 20 * 1024 * 1024;

const printPdfSchema = z
  .strictObject({ pdfBase64: z.string().min(8).max(MAX_PRINT_PDF_LENGTH) })
  .refine((req) => req.pdfBase64.length % 4 === 0 && base64Pattern.test(req.pdfBase64), { message: 'content is not base64' })
  // "%PDF-" in base64: main only ever opens a PDF in the print window, never HTML or anything else.
  .refine((req) => req.pdfBase64.startsWith('JVBERi0'), { message: 'not a PDF' });

export const IPC_SCHEMAS: { readonly [K in IpcChannel]: z.ZodType<IpcRequest<K>> } = {
  'app:get-info': z.null(),
  'app:set-server-url': z.strictObject({ url: z.string().max(MAX_SERVER_URL_LENGTH) }),
  'print:page': z.strictObject({ silent: z.literal(false) }),
  'print:pdf': printPdfSchema,
  'file:save': saveFileSchema,
};
