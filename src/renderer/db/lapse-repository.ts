import { debounceTime, from, map, merge, Observable, startWith, switchMap } from 'rxjs';
import { todayInChina } from '../../shared/id-number';
import { newId, nowIso } from '../../shared/ids';
import { dueFollowUps, lapseCandidates, lapseRowOf, latestContacts, type LapseRow } from '../../shared/lapse';
import type { Payment } from '../../shared/payment';
import type { Person } from '../../shared/person';
import type { ContactRecord, EnrolmentRecord, WindowRecord } from '../../shared/records';
import { DataError } from '../data/contract';
import type { PolicyRepository } from '../data/contract';
import type { ContactInput, ContactView, DueFollowUp, LapseRepository, LapseWorklist } from '../data/lapse-contract';
import type { DexieDb } from './database';
import { LOCAL_DOC, readLocal } from './local-state';
import { insertRecord } from './record-store';
import { requireWriter, type RepositoryDeps } from './repository-deps';
import { toWindowRecord, type RecordDoc } from './schemas/record-schema';

/**
 * Which track women follow in the employee pension is a local rule
 * (DOMAIN.md §8): the pack's femaleRetirementTrack; a pack without it gets
 * the 55 track, the one of most flexible-worker women (the same default as
 * the payment-options page, src/shared/pension/plan-params-from-pack.ts).
 */
const DEFAULT_FEMALE_TRACK = 'female55';
/** Recompute at most this often while sync pours documents in. */
const RECOMPUTE_DEBOUNCE_MS = 300;

/**
 * Live documents of a collection straight from its Dexie table: RxDB
 * prepends `_deleted` (stored as '0'/'1') to the primary-key index, so this
 * range is every live document, read in one IndexedDB request without
 * building 100,000 RxDocuments (see person-reads.ts).
 */
async function liveDocs<T>(dexie: DexieDb): Promise<T[]> {
  const rows: unknown[] = await dexie.table('docs').where('[_deleted+id]').between(['0', ''], ['0', '\uffff'], true, true).toArray();
  return rows.map((r) => {
    const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...doc } = r as Record<string, unknown>;
    return doc as T;
  });
}

interface Snapshot {
  readonly records: WindowRecord[];
  readonly payments: Payment[];
}

/**
 * The lapse worklist and the contact log (issue 4 §1–§2, ADR 015). The
 * worklist is one pass: every enrolment record and every payment is read
 * once, grouped by person in memory, and only the people with a lapse are
 * then read from the persons table (one bulk read), so the cost grows with
 * the documents, never with queries per person.
 */
export function createLapseRepository(deps: RepositoryDeps & { readonly policy?: PolicyRepository }): LapseRepository {
  const { store } = deps;
  const femaleTrack = async (month: string): Promise<'female55' | 'female50'> => {
    const session = deps.session();
    const pack = session && deps.policy ? await deps.policy.packForMonth(session.regionCode, month) : null;
    return pack?.femaleRetirementTrack?.value ?? DEFAULT_FEMALE_TRACK;
  };
  const currentMonth = (): string => todayInChina().slice(0, 7);

  const snapshot = async (): Promise<Snapshot> => {
    const [recordDocs, payments] = await Promise.all([liveDocs<RecordDoc>(store.dexieOf('records')), liveDocs<Omit<Payment, '_deleted'>>(store.dexieOf('payments'))]);
    return { records: recordDocs.map(toWindowRecord), payments: payments.map((p) => ({ ...p, _deleted: false })) };
  };

  const personsById = async (ids: readonly string[]): Promise<Map<string, Person>> => {
    const rows: unknown[] = await store.dexieOf('persons').table('docs').bulkGet([...ids]);
    const out = new Map<string, Person>();
    for (const r of rows) {
      if (!r) continue;
      const { _deleted: deleted, ...doc } = r as Omit<Person, '_deleted'> & { _deleted: unknown };
      if (deleted === '1' || deleted === true) continue;
      out.set(doc.id, { ...doc, _deleted: false });
    }
    return out;
  };

  const compute = async (): Promise<LapseWorklist> => {
    const month = currentMonth();
    const today = todayInChina();
    const session = deps.session();
    const [{ records, payments }, rejected, track] = await Promise.all([snapshot(), readLocal(store.db, LOCAL_DOC.paymentRejections), femaleTrack(month)]);
    const refused = new Set((rejected?.rejections ?? []).filter((r) => r.reason === 'refused').map((r) => r.paymentId));

    const enrolments: EnrolmentRecord[] = [];
    const contacts: ContactRecord[] = [];
    const touchedHere = new Set<string>();
    for (const r of records) {
      if (r.kind === 'closeout') continue;
      if (r.kind === 'enrolment') enrolments.push(r);
      else if (r.kind === 'contact') contacts.push(r);
      if (session && r.stationId === session.stationId) touchedHere.add(r.personId);
    }
    // Scheme gaps need no person data: find the candidates first, then read only them.
    const candidates = lapseCandidates(enrolments, payments, refused, month);
    const persons = await personsById([...candidates.keys()]);
    const rows: LapseRow[] = [];
    for (const [personId, candidate] of candidates) {
      const person = persons.get(personId);
      if (!person) continue;
      if (session && person.stationId !== session.stationId && !touchedHere.has(personId)) continue;
      const row = lapseRowOf(person, candidate, { currentMonth: month, femaleTrack: track }, today);
      if (row) rows.push(row);
    }
    const listed = new Set(rows.map((r) => r.personId));
    const lastContact = new Map([...latestContacts(contacts)].filter(([id]) => listed.has(id)));
    return { month, rows, lastContact };
  };

  const changes$ = (): Observable<unknown> => merge(store.records.$, store.payments.$, store.persons.$, store.db.getLocal$(LOCAL_DOC.paymentRejections));
  const recomputed$ = <T>(fn: () => Promise<T>): Observable<T> =>
    changes$().pipe(debounceTime(RECOMPUTE_DEBOUNCE_MS), startWith(null), switchMap(() => from(fn())));

  const contactDocs = async (): Promise<ContactRecord[]> =>
    (await store.records.find({ selector: { kind: 'contact' } }).exec()).map((d) => toWindowRecord(d.toMutableJSON())).filter((r): r is ContactRecord => r.kind === 'contact');

  return {
    worklist: () => recomputed$(compute),

    async logContact(input: ContactInput) {
      const ctx = requireWriter(deps);
      if (!(await store.persons.findOne(input.personId).exec())) throw new DataError('person.notFound');
      if (input.followUpDate !== null && /^\d{4}-\d{2}-\d{2}$/.test(input.followUpDate) && input.followUpDate < todayInChina()) {
        throw new DataError('contact.followUpPast', { field: 'followUpDate' });
      }
      const record = await insertRecord(deps, {
        id: newId(), kind: 'contact', personId: input.personId, channel: input.channel, outcome: input.outcome, note: input.note.trim(),
        followUpDate: input.followUpDate, stationId: ctx.session.stationId, deviceId: ctx.session.deviceId, staffId: ctx.staff.id,
        createdAt: nowIso(), _deleted: false,
      });
      if (record.kind !== 'contact') throw new Error('insertRecord changed the kind');
      return record;
    },

    contactsFor: (personId) =>
      store.records.find({ selector: { kind: 'contact', personId }, sort: [{ createdAt: 'desc' }] }).$.pipe(
        map((docs) => {
          const names = new Map((deps.session()?.staff ?? []).map((s) => [s.id, s.name]));
          return docs
            .map((d) => toWindowRecord(d.toMutableJSON()))
            .filter((r): r is ContactRecord => r.kind === 'contact')
            .map((record): ContactView => ({ record, staffName: names.get(record.staffId) ?? record.staffId }));
        }),
      ),

    dueFollowUps: () =>
      recomputed$(async (): Promise<DueFollowUp[]> => {
        const today = todayInChina();
        const due = dueFollowUps(await contactDocs(), today);
        const persons = await personsById(due.map((c) => c.personId));
        const session = deps.session();
        return due.flatMap((contact) => {
          const p = persons.get(contact.personId);
          if (!p) return [];
          if (session && p.stationId !== session.stationId && contact.stationId !== session.stationId) return [];
          return [{ contact, name: p.name, phone: p.phone, overdue: (contact.followUpDate ?? today) < today }];
        });
      }),
  };
}
