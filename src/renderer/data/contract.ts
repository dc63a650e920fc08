/**
 * The contract between the renderer's UI (src/renderer/features, app) and its
 * data layer (src/renderer/db, src/renderer/sync). The UI imports only these
 * types and the `useData()` hook from ./data-context; it never touches RxDB.
 */
import type { Observable } from 'rxjs';
import type { AuditEvent } from '../../shared/audit';
import type { Conflict } from '../../shared/conflict';
import type { ConflictReviewRepository } from './conflict-review-contract';
import type { IdType } from '../../shared/id-types';
import type { Payment, PaymentLine, PaymentMethod } from '../../shared/payment';
import type { CategoryCode, Person } from '../../shared/person';
import type { PolicyPack, ValueStatus } from '../../shared/policy/pack-schema';
import type { TrustedKey } from '../../shared/policy/pack-signing';
import type { Scheme } from '../../shared/policy/schemes';
import type { StaffRef } from '../../shared/sync-protocol';
import type { EnrolmentRepository } from './enrolment-contract';
import type { LapseRepository } from './lapse-contract';
import type { NoticeRepository } from './notice-contract';
import type { CorrectionRepository } from './correction-contract';
import type { CloseoutRepository } from './closeout-contract';
import type { StatementRepository, TopUpRepository } from './top-up-contract';
import type { TransferInRepository } from './transfer-in-contract';

/** What a device knows about itself after enrolment (kept in the local DB). */
export interface DeviceSession {
  readonly deviceId: string;
  readonly deviceNo: number;
  readonly token: string;
  readonly serverUrl: string;
  readonly stationId: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly cityName: string;
  readonly regionCode: string;
  readonly personKeySecret: string;
  readonly staff: StaffRef[];
  /**
   * Centre keys that sign policy packs. Absent on devices enrolled before
   * packs existed: the data layer then fetches them (GET /api/v1/policy-keys)
   * when online and stores them here. No pack is used before they are known.
   */
  readonly policyKeys?: readonly TrustedKey[];
}

/** The editable part of a person; the data layer adds id, idRev and meta fields. */
export type PersonInput = Pick<
  Person,
  | 'idType' | 'idNumber' | 'name' | 'sex' | 'birthDate' | 'phone' | 'hukouType' | 'address'
  | 'household' | 'categories' | 'employmentStatus' | 'archiveLocation' | 'notes'
>;

export type RegisterOutcome =
  | { readonly status: 'created'; readonly person: Person }
  /** The same ID type + number is already registered (here or synced from another station). */
  | { readonly status: 'exists'; readonly person: Person };

export interface PersonRepository {
  /** Validates (same zod schema as the server), derives the key, writes locally, appends an audit event. */
  register(input: PersonInput): Promise<RegisterOutcome>;
  /** Look-up by ID before registering: the key is derived, so this is one primary-key read. */
  findById(idType: IdType, idNumber: string): Promise<Person | null>;
  get(id: string): Promise<Person | null>;
  observe(id: string): Observable<Person | null>;
  update(id: string, input: PersonInput): Promise<Person>;
  deactivate(id: string, reason: string): Promise<Person>;
  reactivate(id: string): Promise<Person>;
  /**
   * One box for everything: a full ID number, the last 4–6 characters of
   * one, a name prefix, or a phone number (full or prefix). Sorted by name.
   */
  search(query: string, limit: number): Promise<Person[]>;
  /** Ids of all persons sorted by name, for the virtualised list; rows load on demand via getMany. */
  listIds(): Promise<string[]>;
  /**
   * The first `limit` ids in name order. Reading the whole name index takes
   * about a second at 100,000 people (IndexedDB's own cost), while the first
   * screenful takes milliseconds: the list paints from this, then swaps in
   * listIds() when it arrives.
   */
  listFirstIds(limit: number): Promise<string[]>;
  getMany(ids: readonly string[]): Promise<Person[]>;
  count(): Promise<number>;
  /** Change history (audit events for this person), newest first. */
  history(id: string): Promise<AuditEvent[]>;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'unenrolled';

export interface SyncStatus {
  readonly state: SyncState;
  readonly online: boolean;
  /** Local changes not yet acknowledged by the server. */
  readonly pending: number;
  /** ISO time of the last pull+push round that completed without error. */
  readonly lastSyncAt: string | null;
  /** i18n error code of the last failure, if any. */
  readonly errorCode: string | null;
}

export interface SyncController {
  readonly status$: Observable<SyncStatus>;
  /** Device clock minus server clock in ms, measured against GET /time at every start and sync round; null until measured. */
  readonly clockSkewMs$: Observable<number | null>;
  /** Runs one round now (push then pull); resolves when it finished or failed. */
  syncNow(): Promise<void>;
  /** The data layer also stops syncing by itself when the browser reports offline. */
  start(): void;
  stop(): Promise<void>;
}

export interface ConflictRepository {
  observeOpen(): Observable<Conflict[]>;
}

/** One stored, verified policy pack as the list shows it. */
export interface PackSummary {
  /** `${regionCode}:${version}` */
  readonly id: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  /** When the centre published (signed) this version, ISO instant. */
  readonly publishedAt: string;
  /** How many sourced values carry each status (unconfirmed ones need checking with the bureau). */
  readonly statusCounts: Readonly<Record<ValueStatus, number>>;
}

export interface PackDetail {
  readonly summary: PackSummary;
  /** Verified against the trusted keys; safe to compute with. */
  readonly pack: PolicyPack;
}

/** A pulled pack the device refused (never stored as usable). `code` maps to errors.<code>. */
export interface PackRefusal {
  readonly id: string;
  readonly code: 'pack.signature' | 'pack.unknownKey' | 'pack.schema' | 'pack.envelope';
  readonly params?: Record<string, string>;
  /** ISO instant of the refusal. */
  readonly at: string;
}

export interface PolicyRepository {
  /** Verified packs, sorted by region then version (newest last). */
  list(): Observable<PackSummary[]>;
  get(id: string): Promise<PackDetail | null>;
  /** The verified pack in force for the region in a month ('YYYY-MM'): highest version covering it (ADR 007). */
  packForMonth(regionCode: string, month: string): Promise<PolicyPack | null>;
  /** All verified packs of a region (history, interest rates by year). */
  packsOf(regionCode: string): Promise<PolicyPack[]>;
  /** Refused packs, newest first. */
  readonly refusals$: Observable<PackRefusal[]>;
}

/** What the payment form collects (issue 3 §3). Amounts in fen, months 'YYYY-MM'. */
export interface PaymentInput {
  readonly personId: string;
  readonly scheme: Scheme;
  readonly fromMonth: string;
  readonly toMonth: string;
  /** Monthly base in fen (employee schemes). */
  readonly baseFen?: number | null;
  /** Residents' pension grade (档次) id. */
  readonly gradeId?: string | null;
  /** Null for a declaration (申报), required at the window. */
  readonly method: PaymentMethod | null;
  /** 'window': money taken here, receipt issued; 'declared': paid through tax/bank, awaits the centre's confirmation. */
  readonly channel: 'window' | 'declared';
  /**
   * Employment-difficulty subsidy (社保补贴) decided at the window: the qualifying category (the
   * person must hold it) and the first subsidised month. Employee schemes only.
   */
  readonly subsidy?: { readonly category: CategoryCode; readonly startMonth: string } | null;
  /**
   * Staff id of the reviewer (复核) who approves a back-payment (补缴, issue 4 §3, ADR 017): a
   * reviewer of this station other than the operator. Required when the preview is a
   * back-payment, ignored (stored as null) otherwise.
   */
  readonly approvedBy?: string | null;
}

/** The computed amounts the form shows live, exactly as take() would store them. */
export interface PaymentPreview {
  readonly lines: readonly PaymentLine[];
  readonly totalFen: number;
  readonly paidFen: number;
  readonly personalAccountFen: number;
  readonly pooledFen: number;
  readonly subsidyFen: number;
  readonly personFen: number;
  /** The span is a back-payment (补缴) of past months under the pack's backPayment rule, not a regular period. */
  readonly backPayment: boolean;
}

export type PaymentPreviewResult =
  | { readonly ok: true; readonly preview: PaymentPreview }
  | { readonly ok: false; readonly code: string; readonly params?: Record<string, string | number> };

/**
 * recorded: window payment stored (已入账, final on the device);
 * awaitingConfirmation: declaration (待中心确认); confirmed: the centre's confirmation arrived;
 * refused: the centre refused the record (422, code in `refusal`); rejected: the centre holds
 * another document under this id (our version kept in the payment rejections);
 * voided: a void_receipt record; reversed (已冲正) / refunded (已退费): a reversal or refund record
 * points at it (see ./correction-contract).
 */
export type PaymentStatus = 'recorded' | 'awaitingConfirmation' | 'confirmed' | 'refused' | 'rejected' | 'voided' | 'reversed' | 'refunded';

/** A payment the centre did not take as written (see ADR 005, payments). `local` is this device's version. */
export interface PaymentRejection {
  readonly paymentId: string;
  /** refused: the push got a 4xx with `code`; conflict: the server answered with a different document. */
  readonly reason: 'refused' | 'conflict';
  readonly code: string;
  readonly params?: Record<string, string | number>;
  readonly local: Payment;
  /** ISO instant. */
  readonly at: string;
}

export interface PaymentView {
  readonly payment: Payment;
  readonly status: PaymentStatus;
  /** Present when status is refused or rejected. */
  readonly rejection: PaymentRejection | null;
}

/** Receipt serials left on this device for the current year. */
export interface ReceiptStockStatus {
  readonly year: number;
  readonly remaining: number;
  readonly liveCapacity: number;
  /** At or below 20% left (or none): sync soon. */
  readonly warn: boolean;
  /** The number the next receipt gets, or null when none is left (payments are refused). */
  readonly nextReceiptNo: string | null;
}

export interface PaymentRepository {
  /** Validates, computes over the verified packs, takes a receipt serial (window) and stores an immutable payment + audit event. */
  take(input: PaymentInput): Promise<Payment>;
  /** The amounts take() would store, or the error code (base.belowFloor etc.) with params. Stores nothing. */
  preview(input: PaymentInput): Promise<PaymentPreviewResult>;
  /** The person's payments with their status, newest first. */
  forPerson(personId: string): Observable<PaymentView[]>;
  get(id: string): Promise<PaymentView | null>;
  /**
   * Voids a spoiled receipt number that no payment carries (a form torn in the printer): a
   * void_receipt record keeps it used forever. Recorded against the person and scheme being
   * served (a payment record always names both). Codes: receipt.format/check, receipt.notMine,
   * receipt.notLeased, receipt.inUse, field.required {field: 'reason'}.
   */
  voidReceipt(receiptNo: string, reason: string, context: { readonly personId: string; readonly scheme: Scheme }): Promise<Payment>;
  /** Counts a print of the payment's receipt; returns how many times it has now been printed (2+ = copy, 副本). */
  recordPrint(paymentId: string): Promise<number>;
  printCount(paymentId: string): Promise<number>;
  readonly receiptStock$: Observable<ReceiptStockStatus>;
  /** Payments the centre refused or replaced, newest first. */
  readonly rejections$: Observable<PaymentRejection[]>;
}

export interface Operator {
  readonly staff: StaffRef;
}

export interface DataApi {
  readonly persons: PersonRepository;
  readonly conflicts: ConflictRepository;
  /** Resolving conflicts field by field, see ./conflict-review-contract. */
  readonly conflictReview: ConflictReviewRepository;
  readonly policy: PolicyRepository;
  readonly payments: PaymentRepository;
  /** Enrolment status per scheme (参保状态), see ./enrolment-contract. */
  readonly enrolments: EnrolmentRepository;
  /** Reversals (冲正), refunds (退费) and double coverage, see ./correction-contract. */
  readonly corrections: CorrectionRepository;
  /** Daily close-out (日结), see ./closeout-contract. */
  readonly closeouts: CloseoutRepository;
  /** 补差 after a late pack, see ./top-up-contract. */
  readonly topUps: TopUpRepository;
  /** Statements (对账单) per person and scheme, see ./top-up-contract. */
  readonly statements: StatementRepository;
  /** Lapse worklist (断缴名单), contact log and follow-ups, see ./lapse-contract. */
  readonly lapses: LapseRepository;
  /** Reminder notices issued (提醒通知书), see ./notice-contract. */
  readonly notices: NoticeRepository;
  /** Transfer-in (转移接续) and stored deemed years, see ./transfer-in-contract. */
  readonly transfers: TransferInRepository;
  readonly sync: SyncController;
  /** Null before enrolment. */
  session(): Promise<DeviceSession | null>;
  /** Enrols this device at the server (POST /api/v1/devices/enrol) and stores the session. */
  enrol(serverUrl: string, stationCode: string, enrolmentCode: string, deviceName: string): Promise<DeviceSession>;
  /** The staff member at the window; every record is stamped with them. */
  setOperator(staffId: string): void;
  operator(): StaffRef | null;
}

/** Errors the data layer throws carry a stable i18n code. */
export class DataError extends Error {
  constructor(
    readonly code: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'DataError';
  }
}
