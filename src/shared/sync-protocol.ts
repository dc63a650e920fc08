/**
 * Wire protocol between station devices and the centre (docs/protocol.md).
 *
 * This is the version of the sync wire format. The server refuses requests
 * that carry another version (426 with code 'protocol.version'), so an old
 * client is told to update instead of corrupting data. Bump it on any
 * incompatible change to the shapes below.
 */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-shebao-protocol';

/**
 * Collections that replicate. Packs are written by the server only (pull-only on devices); conflicts
 * are written by the server and pushed back by a device only to resolve them (ADR 019).
 * `records`: immutable window records (enrolment status, daily close-out; src/shared/records.ts, ADR 012).
 */
export const SYNC_COLLECTIONS = ['persons', 'audit', 'conflicts', 'packs', 'payments', 'records'] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

/**
 * Server-assigned position in a collection's change stream. `xid` is the
 * writing transaction's id and `seq` a server sequence number, both as
 * decimal strings (they are 64-bit). Never a device clock (ADR 002).
 */
export interface Checkpoint {
  readonly xid: string;
  readonly seq: string;
}

export interface PullResponse<T> {
  readonly documents: T[];
  /** Null only when the stream is empty and the request had no checkpoint. */
  readonly checkpoint: Checkpoint | null;
}

/** One row of a push, in the shape of RxDB's replication protocol. */
export interface PushRow<T> {
  readonly assumedMasterState: T | null;
  readonly newDocumentState: T;
}

export interface PushResponse<T> {
  /** Current server state of each row that was not written as sent (RxDB resolves these). */
  readonly conflicts: T[];
}

/** Server-sent event data on GET /api/v1/sync/stream. */
export type StreamEvent =
  | { readonly type: 'changes'; readonly collection: SyncCollection; readonly checkpoint: Checkpoint }
  | { readonly type: 'RESYNC' };

export interface StaffRef {
  readonly id: string;
  readonly name: string;
  readonly reviewer: boolean;
}

export interface EnrolRequest {
  readonly stationCode: string;
  readonly enrolmentCode: string;
  readonly deviceName: string;
}

export interface EnrolResponse {
  readonly deviceId: string;
  readonly deviceNo: number;
  /** Bearer token; the server keeps only its SHA-256. */
  readonly token: string;
  readonly station: { readonly id: string; readonly code: string; readonly name: string };
  readonly city: { readonly id: string; readonly name: string; readonly regionCode: string };
  /** City-wide person-key secret as hex (see derivePersonKey). */
  readonly personKeySecret: string;
  readonly staff: StaffRef[];
  readonly serverTime: string;
  /**
   * Centre keys that sign policy packs (Ed25519, see src/shared/policy/pack-signing.ts).
   * Optional so that a device enrolled before packs existed keeps working; such a
   * device fetches them from GET /api/v1/policy-keys.
   */
  readonly policyKeys?: ReadonlyArray<{ readonly keyId: string; readonly publicKeyHex: string }>;
}

/** Every 4xx/5xx body. `code` maps to an i18n key on the client. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export const API_PREFIX = '/api/v1';
/** Upper bound of documents per pull or push batch. */
export const MAX_BATCH = 500;

/** A block of receipt serials [from, to] leased to one device for one year. */
export interface LeasedBlock {
  readonly year: number;
  readonly from: number;
  readonly to: number;
}

/**
 * POST /api/v1/receipts/lease. The device says how many serials it still
 * has for the year; the server adds a block when that is at or below 20% of
 * a block, and answers with every block the device holds for the year.
 */
export interface ReceiptLeaseRequest {
  readonly year: number;
  readonly remaining: number;
}

export interface ReceiptLeaseResponse {
  readonly stationCode: string;
  readonly deviceNo: number;
  readonly blocks: readonly LeasedBlock[];
}
