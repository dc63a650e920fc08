/**
 * The contract between the renderer's UI (src/renderer/features, app) and its
 * data layer (src/renderer/db, src/renderer/sync). The UI imports only these
 * types and the `useData()` hook from ./data-context; it never touches RxDB.
 */
import type { Observable } from 'rxjs';
import type { AuditEvent } from '../../shared/audit';
import type { Conflict } from '../../shared/conflict';
import type { IdType } from '../../shared/id-types';
import type { Person } from '../../shared/person';
import type { PolicyPack, ValueStatus } from '../../shared/policy/pack-schema';
import type { TrustedKey } from '../../shared/policy/pack-signing';
import type { StaffRef } from '../../shared/sync-protocol';

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

export interface Operator {
  readonly staff: StaffRef;
}

export interface DataApi {
  readonly persons: PersonRepository;
  readonly conflicts: ConflictRepository;
  readonly policy: PolicyRepository;
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
