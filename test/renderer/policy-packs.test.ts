import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackRefusal, PackSummary } from '../../src/renderer/data/contract';
import type { LocalStore } from '../../src/renderer/db/database';
import { openDataApi, type LocalDataApi } from '../../src/renderer/db/open-data-api';
import { countStatuses } from '../../src/renderer/db/policy-repository';
import { recordRefusals, screenPacks } from '../../src/renderer/sync/pack-screen';
import { pullScreened } from '../../src/renderer/sync/replication';
import type { Checkpoint } from '../../src/shared/sync-protocol';
import { STAFF, uniqueDbName } from './fixtures';
import { centreKey, fakeCentre, packDoc, shippedPack, sign, tampered, type FakeCentre } from './pack-centre';

const KEY = centreKey(7);
const OTHER = centreKey(9);
const TRUSTED = [{ keyId: KEY.keyId, publicKeyHex: KEY.publicKeyHex }];
const TJ24 = sign(shippedPack('tianjin-2024.1.json'), KEY);
const TJ25 = sign(shippedPack('tianjin-2025.1.json'), KEY);
const AT = '2025-03-01T08:00:00.000Z';

describe('verification of pulled packs (the pull screen)', () => {
  it('accepts a validly signed pack', () => {
    const doc = packDoc(TJ25);
    expect(screenPacks([doc], TRUSTED, AT)).toEqual({ accepted: [doc], refused: [] });
  });

  it('refuses a tampered pack, an unknown key, a mismatched envelope and a malformed document', () => {
    const docs = [
      packDoc(tampered(TJ25)),
      packDoc(sign(shippedPack('beijing-2025.1.json'), OTHER)),
      // A valid 2024 signature replayed under the 2025 id and effective month.
      { ...packDoc(TJ24), id: '120000:2025.1', version: '2025.1', effectiveFrom: '2025-01' },
      { ...packDoc(TJ24), effectiveFrom: '2024-02' },
      { id: '120000:2026.1', regionCode: '120000' },
    ];
    const { accepted, refused } = screenPacks(docs, TRUSTED, AT);
    expect(accepted).toEqual([]);
    expect(refused.map((r) => [r.id, r.code])).toEqual([
      ['120000:2025.1', 'pack.signature'],
      ['110000:2025.1', 'pack.unknownKey'],
      ['120000:2025.1', 'pack.envelope'],
      ['120000:2024.1', 'pack.envelope'],
      ['120000:2026.1', 'pack.schema'],
    ]);
    expect(refused[1]?.params).toEqual({ keyId: OTHER.keyId });
    expect(refused[3]?.params).toEqual({ field: 'effectiveFrom' });
    expect(refused.every((r) => r.at === AT)).toBe(true);
  });

  it('trusts any of several keys (rotation) and nothing when it knows no key', () => {
    const docs = [packDoc(TJ25), packDoc(sign(shippedPack('beijing-2025.1.json'), OTHER))];
    const both = [...TRUSTED, { keyId: OTHER.keyId, publicKeyHex: OTHER.publicKeyHex }];
    expect(screenPacks(docs, both).accepted).toHaveLength(2);
    expect(screenPacks(docs, []).refused.map((r) => r.code)).toEqual(['pack.unknownKey', 'pack.unknownKey']);
  });

  it('keeps pulling past refused documents so that RxDB does not end the round early', async () => {
    // Server feed: bad, good, bad, bad, good, good; batches of 2 accepted documents.
    const feed = ['b1', 'g1', 'b2', 'b3', 'g2', 'g3'];
    const calls: Array<[string | undefined, number]> = [];
    const pullOnce = (from: Checkpoint | undefined, limit: number) => {
      calls.push([from?.seq, limit]);
      const start = Number(from?.seq ?? 0);
      const documents = feed.slice(start, start + limit);
      return Promise.resolve({ documents, checkpoint: { xid: '1', seq: String(start + documents.length) } });
    };
    const screen = (docs: string[]) => Promise.resolve(docs.filter((d) => d.startsWith('g')));
    const first = await pullScreened(pullOnce, screen, undefined, 2);
    expect(first).toEqual({ documents: ['g1', 'g2'], checkpoint: { xid: '1', seq: '5' } });
    expect(calls).toEqual([[undefined, 2], ['2', 1], ['3', 1], ['4', 1]]);
    const second = await pullScreened(pullOnce, screen, first.checkpoint, 2);
    expect(second).toEqual({ documents: ['g3'], checkpoint: { xid: '1', seq: '6' } });
  });
});

describe('status counts', () => {
  it('counts every sourced value and interest rate by status', () => {
    const pack = shippedPack('tianjin-2025.1.json');
    const counts = countStatuses(pack);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // 11 sourced values every pack has, plus the 3 pension-estimate values (pensionBase, deemedIndex,
    // femaleRetirementTrack) the shipped packs carry since issue 4, plus one per interest rate.
    expect(total).toBe(14 + pack.interestRates.length);
    const values: unknown[] = [...Object.values(pack), ...pack.interestRates];
    const unconfirmed = values.filter(
      (v) => typeof v === 'object' && v !== null && (v as { status?: string }).status === 'unconfirmed',
    ).length;
    expect(counts.unconfirmed).toBe(unconfirmed);
    expect(counts.unconfirmed).toBeGreaterThan(0);
  });
});

const apis: LocalDataApi[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.close();
});

async function device(centre: FakeCentre): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const opened: LocalStore[] = [];
  const api = await openDataApi({
    dbName: uniqueDbName('pk'), indexedDB: new IDBFactory(), IDBKeyRange, fetchImpl: centre.fetchImpl,
    onStore: (s) => opened.push(s),
  });
  apis.push(api);
  const [store] = opened;
  if (!store) throw new Error('no store');
  return { api, store };
}

const packIds = (list: PackSummary[]): string[] => list.map((p) => p.id);

describe('pack replication on the device', () => {
  it('stores only verified packs, records the refusals, and picks the pack in force by month', async () => {
    const centre = fakeCentre({
      enrolKeys: TRUSTED,
      packs: [packDoc(TJ24), packDoc(tampered(sign(shippedPack('beijing-2025.1.json'), KEY))), packDoc(TJ25), packDoc(sign(shippedPack('zhejiang-2025.1.json'), OTHER))],
    });
    const { api, store } = await device(centre);
    const session = await api.enrol('http://centre.test', 'HX01', '100001', 'window 1');
    expect(session.policyKeys).toEqual(TRUSTED);
    api.setOperator(STAFF[0]!.id);
    await api.sync.syncNow();

    expect(centre.requests).toContain('GET /sync/packs/pull');
    const list = await firstValueFrom(api.policy.list());
    expect(packIds(list)).toEqual(['120000:2024.1', '120000:2025.1']);
    expect(list[1]).toMatchObject({ regionName: '天津市', version: '2025.1', effectiveFrom: '2025-01', effectiveTo: null, publishedAt: '2025-01-02T03:04:05.000Z' });
    // Refused packs never reach the collection.
    expect((await store.packs.find().exec()).map((d) => d.id).sort()).toEqual(['120000:2024.1', '120000:2025.1']);
    const refusals: PackRefusal[] = await firstValueFrom(api.policy.refusals$.pipe(filter((r) => r.length === 2)));
    expect(refusals.map((r) => [r.id, r.code]).sort()).toEqual([['110000:2025.1', 'pack.signature'], ['330000:2025.1', 'pack.unknownKey']]);

    expect((await api.policy.packForMonth('120000', '2024-06'))?.version).toBe('2024.1');
    expect((await api.policy.packForMonth('120000', '2025-03'))?.version).toBe('2025.1');
    expect((await api.policy.packForMonth('120000', '2023-12'))).toBeNull();
    expect(await api.policy.packForMonth('110000', '2025-03')).toBeNull();
    expect((await api.policy.get('120000:2025.1'))?.pack.baseFloor.value).toBe(512400);
    expect(await api.policy.get('110000:2025.1')).toBeNull();
    expect((await api.policy.packsOf('120000')).map((p) => p.version)).toEqual(['2024.1', '2025.1']);

    // A second round pulls nothing new and does not duplicate the refusals.
    await api.sync.syncNow();
    expect(await firstValueFrom(api.policy.refusals$)).toHaveLength(2);
  });

  it('does not use a stored pack that was altered after it was stored', async () => {
    const centre = fakeCentre({ enrolKeys: TRUSTED, packs: [packDoc(TJ25)] });
    const { api, store } = await device(centre);
    await api.enrol('http://centre.test', 'HX01', '100001', 'window 1');
    await api.sync.syncNow();
    expect(packIds(await firstValueFrom(api.policy.list()))).toEqual(['120000:2025.1']);
    const { _deleted: _d, ...altered } = packDoc(tampered(TJ25));
    await store.packs.upsert(altered);
    expect(await firstValueFrom(api.policy.list())).toEqual([]);
    expect(await api.policy.packForMonth('120000', '2025-03')).toBeNull();
  });

  it('fetches the keys for a device enrolled without them, then pulls and verifies', async () => {
    const centre = fakeCentre({ fetchedKeys: TRUSTED, packs: [packDoc(TJ24), packDoc(TJ25)] });
    const { api } = await device(centre);
    const session = await api.enrol('http://centre.test', 'HX01', '100001', 'window 1');
    expect(session.policyKeys).toBeUndefined();
    await api.sync.syncNow();
    expect(centre.requests).toContain('GET /policy-keys');
    expect((await api.session())?.policyKeys).toEqual(TRUSTED);
    expect(packIds(await firstValueFrom(api.policy.list()))).toEqual(['120000:2024.1', '120000:2025.1']);
  });

  it('pulls no pack while it knows no key, and asks for keys again at the next sync', async () => {
    const options: { packs: unknown[]; fetchedKeys?: typeof TRUSTED } = { packs: [packDoc(TJ25)] };
    const centre = fakeCentre(options);
    const { api } = await device(centre);
    await api.enrol('http://centre.test', 'HX01', '100001', 'window 1');
    await api.sync.syncNow();
    expect(centre.requests).toContain('GET /policy-keys');
    expect(centre.requests).not.toContain('GET /sync/packs/pull');
    expect(await firstValueFrom(api.policy.list())).toEqual([]);

    // The centre now answers with its keys (an older server upgraded, or the line came back).
    options.fetchedKeys = TRUSTED;
    await api.sync.syncNow();
    expect((await api.session())?.policyKeys).toEqual(TRUSTED);
    expect(packIds(await firstValueFrom(api.policy.list()))).toEqual(['120000:2025.1']);
  });
});

describe('refusal record', () => {
  it('keeps one entry per pack and reason, newest first', async () => {
    const centre = fakeCentre({ packs: [] });
    const { store, api } = await device(centre);
    const r = (id: string, code: PackRefusal['code'], at: string): PackRefusal => ({ id, code, at });
    await recordRefusals(store.db, [r('120000:2025.1', 'pack.signature', AT)]);
    await recordRefusals(store.db, [r('120000:2025.1', 'pack.signature', '2025-04-01T00:00:00.000Z'), r('110000:2025.1', 'pack.envelope', '2025-04-01T00:00:00.000Z')]);
    expect((await firstValueFrom(api.policy.refusals$)).map((x) => [x.id, x.at])).toEqual([
      ['110000:2025.1', '2025-04-01T00:00:00.000Z'],
      ['120000:2025.1', AT],
    ]);
  });
});

