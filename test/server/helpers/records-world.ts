import { expect } from 'vitest';
import type { EnrolResponse } from '../../../src/shared/sync-protocol';
import type { DbVariant } from './db-variants';
import { enrol, makeFixture, push, type Fixture } from './fixture';
import { makePerson } from './people';

/** Push rows for new immutable documents (records, payments). */
export const rowsOf = (...docs: unknown[]): { assumedMasterState: null; newDocumentState: unknown }[] =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));

/** The origin fields a device writes on a window record. */
export const by = (d: EnrolResponse): { stationId: string; deviceId: string; staffId: string } => ({
  stationId: d.station.id, deviceId: d.deviceId, staffId: d.staff[0]!.id,
});

export interface RecordsWorld {
  readonly f: Fixture;
  /** Two devices of HX01 and one of XQ01. */
  readonly hx: EnrolResponse;
  readonly hx2: EnrolResponse;
  readonly xq: EnrolResponse;
  /** A person HX01 registered and pushed: records may name them. */
  readonly personId: string;
}

/** The server, devices and one known person every records test at the centre starts from. */
export async function openRecordsWorld(variant: DbVariant): Promise<RecordsWorld> {
  const f = await makeFixture(variant);
  const hx = await enrol(f.app, 'HX01', 'window 1');
  const hx2 = await enrol(f.app, 'HX01', 'window 2');
  const xq = await enrol(f.app, 'XQ01', 'other station');
  const person = makePerson(f.secret, by(hx));
  expect((await push(f.app, hx.token, 'persons', rowsOf(person))).statusCode).toBe(200);
  return { f, hx, hx2, xq, personId: person.id };
}
