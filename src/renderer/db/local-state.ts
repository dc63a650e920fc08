import type { LeasedBlock } from '../../shared/sync-protocol';
import type { DeviceSession, PackRefusal, PaymentRejection } from '../data/contract';
import type { ShebaoDatabase } from './database';

/**
 * RxDB local documents (database-level, not replicated, not collections,
 * so they do not count against the free build's collection cap) hold this
 * device's own state.
 */
export const LOCAL_DOC = {
  session: 'device-session',
  operator: 'operator',
  syncMeta: 'sync-meta',
  storage: 'storage',
  pending: 'pending-changes',
  packRefusals: 'pack-refusals',
  paymentRejections: 'payment-rejections',
  receiptBlocks: 'receipt-blocks',
  receiptPrints: 'receipt-prints',
} as const;

export interface OperatorState {
  readonly staffId: string;
}

export interface SyncMeta {
  readonly lastSyncAt: string | null;
}

export interface StorageState {
  /** The answer of navigator.storage.persist(), asked once; null when the browser has no such API. */
  readonly persisted: boolean | null;
  readonly askedAt: string;
}

/** Ids of local writes the server has not acknowledged yet, with the version written (see sync/pending-changes.ts). */
export interface PendingState {
  readonly persons: Record<string, string>;
  readonly audit: Record<string, string>;
  /** Absent in markers stored before payments existed. */
  readonly payments?: Record<string, string>;
  /** Window records (ADR 012); absent in markers stored before they existed. */
  readonly records?: Record<string, string>;
}

/** Payments the centre refused (4xx) or answered with another document (sync/payment-push.ts), newest first. */
export interface PaymentRejectionState {
  readonly rejections: PaymentRejection[];
}

/** Receipt serial blocks the server leased to this device (POST /receipts/lease), all years kept. */
export interface ReceiptBlockState {
  readonly stationCode: string;
  readonly deviceNo: number;
  readonly blocks: LeasedBlock[];
  readonly leasedAt: string;
}

/** How many times each payment's receipt was printed (the second and later prints say 副本 COPY). */
export interface ReceiptPrintState {
  readonly counts: Record<string, number>;
}

/** Pulled policy packs that failed verification (sync/pack-screen.ts), newest first, capped. */
export interface PackRefusalState {
  readonly refusals: PackRefusal[];
}

interface LocalDocs {
  [LOCAL_DOC.session]: DeviceSession;
  [LOCAL_DOC.operator]: OperatorState;
  [LOCAL_DOC.syncMeta]: SyncMeta;
  [LOCAL_DOC.storage]: StorageState;
  [LOCAL_DOC.pending]: PendingState;
  [LOCAL_DOC.packRefusals]: PackRefusalState;
  [LOCAL_DOC.paymentRejections]: PaymentRejectionState;
  [LOCAL_DOC.receiptBlocks]: ReceiptBlockState;
  [LOCAL_DOC.receiptPrints]: ReceiptPrintState;
}
export type LocalDocId = keyof LocalDocs;

export async function readLocal<K extends LocalDocId>(db: ShebaoDatabase, id: K): Promise<LocalDocs[K] | null> {
  const doc = await db.getLocal<LocalDocs[K]>(id);
  // Dev-mode freezes document data; hand out a plain copy.
  return doc ? (structuredClone(doc.toJSON().data) as LocalDocs[K]) : null;
}

export async function writeLocal<K extends LocalDocId>(db: ShebaoDatabase, id: K, data: LocalDocs[K]): Promise<void> {
  await db.upsertLocal<LocalDocs[K]>(id, data);
}
