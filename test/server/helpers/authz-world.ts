import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payment } from '../../../src/shared/payment';
import type { Person } from '../../../src/shared/person';
import type { SyncCollection } from '../../../src/shared/sync-protocol';
import { freshRecord, makeWorld, type FuzzWorld, type WorldDevice } from '../fuzz/fuzz-world';
import type { DbVariant } from './db-variants';
import { authHeaders } from './fixture';
import { lease, makeContribution, rowsOf, YEAR } from './payments';
import { edit } from './people';

/**
 * The fuzz world (two cities, a revoked device, stored persons, audit and
 * records) plus what the authorization suite needs besides: a built-site
 * stand-in (so the static routes are registered too), payments of both
 * Tianjin stations for one person and month (an open double-coverage case),
 * and a person conflict. Every collection then holds Tianjin documents that
 * another city's device must never see or touch.
 */
export interface AuthzWorld extends FuzzWorld {
  readonly coveredPersonId: string;
}

async function ok(w: FuzzWorld, dev: WorldDevice, collection: SyncCollection, rows: unknown[]): Promise<void> {
  const res = await w.fixture.app.inject({ method: 'POST', url: `/api/v1/sync/${collection}/push`, headers: authHeaders(dev.token), payload: rows as object[] });
  if (res.statusCode !== 200) throw new Error(`authz world push ${collection} failed: ${res.statusCode} ${res.body}`);
}

export async function makeAuthzWorld(variant: DbVariant): Promise<AuthzWorld> {
  const site = mkdtempSync(join(tmpdir(), 'authz-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
  const w = await makeWorld(variant, { staticDir: site });
  const person = w.persons[0];
  if (!person) throw new Error('world has no persons');
  const coveredPersonId = person.id;
  for (const [dev, serial] of [[w.hx, 1], [w.xq, 1]] as const) {
    const l = await lease(w.fixture.app, dev.token, { year: YEAR, remaining: 0 });
    if (l.statusCode !== 200) throw new Error(`lease failed: ${l.body}`);
    const p: Payment = makeContribution(dev.enrolment, serial, {}, { personId: coveredPersonId });
    await ok(w, dev, 'payments', rowsOf(p));
  }
  // Same field, two values from the same base: the server keeps one and opens a conflict.
  const base: Person = person;
  await ok(w, w.hx, 'persons', [{ assumedMasterState: base, newDocumentState: edit(base, w.hx.author, '2025-06-01T08:00:00.000Z', { notes: '甲' }) }]);
  await ok(w, w.xq, 'persons', [{ assumedMasterState: base, newDocumentState: edit(base, w.xq.author, '2025-06-01T08:01:00.000Z', { notes: '乙' }) }]);
  await ok(w, w.hx, 'records', [{ assumedMasterState: null, newDocumentState: freshRecord(w.hx, coveredPersonId) }]);
  return { ...w, coveredPersonId };
}

/** Tianjin documents of `collection` as stored (the other city's device must see none of them). */
export async function tianjinDocs(w: FuzzWorld, collection: SyncCollection): Promise<{ id: string; data: unknown }[]> {
  if (collection === 'packs') return w.fixture.db.query("SELECT id, data FROM docs WHERE collection = 'packs' AND region_code LIKE '12%'");
  return w.fixture.db.query('SELECT id, data FROM docs WHERE collection = $1 AND city_id = $2', [collection, w.hx.enrolment.city.id]);
}
