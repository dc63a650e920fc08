import type { Month } from '../months';
import type { Payment } from '../payment';
import type { Person } from '../person';
import type { Scheme } from '../policy/schemes';
import type { EnrolmentRecord } from '../records';
import { personLapse, schemeLapse, type LapseOptions } from './lapse-detection';
import { categoriesOn, type LapseRow } from './lapse-worklist';
import { livePaidSpans, summarisePaid, type SchemePaid } from './paid-months';

export interface LapseCandidate {
  readonly records: readonly EnrolmentRecord[];
  readonly paid: ReadonlyMap<Scheme, SchemePaid>;
}

/**
 * One pass over every enrolment record and payment of the device: groups
 * them by person and keeps the people with at least one scheme gap. Needs
 * no person data, so the caller reads only these people afterwards. Cost is
 * linear in the documents (no lookup per person in storage).
 */
export function lapseCandidates(enrolments: readonly EnrolmentRecord[], payments: readonly Payment[], refused: ReadonlySet<string>, currentMonth: Month): Map<string, LapseCandidate> {
  const byPerson = new Map<string, EnrolmentRecord[]>();
  for (const r of enrolments) {
    const list = byPerson.get(r.personId);
    if (list) list.push(r);
    else byPerson.set(r.personId, [r]);
  }
  const paymentsOf = new Map<string, Payment[]>();
  for (const p of payments) {
    if (!byPerson.has(p.personId)) continue;
    const list = paymentsOf.get(p.personId);
    if (list) list.push(p);
    else paymentsOf.set(p.personId, [p]);
  }
  const out = new Map<string, LapseCandidate>();
  for (const [personId, records] of byPerson) {
    const paid = summarisePaid(livePaidSpans(paymentsOf.get(personId) ?? [], refused));
    const schemes = new Set(records.map((r) => r.scheme));
    for (const s of schemes) {
      if (schemeLapse(records, s, paid.get(s), currentMonth) !== null) {
        out.set(personId, { records, paid });
        break;
      }
    }
  }
  return out;
}

/** The worklist row of a candidate, or null when the person is inactive (deactivated) or nothing is lapsed. */
export function lapseRowOf(person: Person, candidate: LapseCandidate, options: LapseOptions, today: string): LapseRow | null {
  if (!person.active) return null;
  const lapse = personLapse({ birthDate: person.birthDate, sex: person.sex }, candidate.records, candidate.paid, options);
  if (!lapse) return null;
  return {
    personId: person.id, name: person.name, idNumber: person.idNumber, sex: person.sex, birthDate: person.birthDate, phone: person.phone,
    townCode: person.address.townCode, addressDetail: person.address.detail, categories: categoriesOn(person.categories, today), lapse,
  };
}
