import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSigningKey, keyFromHex, listPolicyKeys } from '../../src/server/policy/centre-keys';
import { publishPack, seedShippedPacks } from '../../src/server/policy/pack-store';
import { PackWatcher } from '../../src/server/policy/pack-watcher';
import { ChangeNotifier } from '../../src/server/sync/change-notifier';
import { packDocSchema, type PackDoc } from '../../src/shared/policy/pack-doc';
import { generateKeyPair, keyIdOf, signPack, verifyPack } from '../../src/shared/policy/pack-signing';
import type { ApiError, EnrolResponse, StreamEvent } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { tianjinRevision } from './helpers/packs';
import { authHeaders, countDocs, enrol, makeFixture, pullAll, push, SHIPPED_PACK_DIR, type Fixture } from './helpers/fixture';

describe.each(DB_VARIANTS)('policy packs on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window 1');
  });
  afterAll(async () => {
    await f.close();
  });

  const storedPack = async (id: string): Promise<{ data: PackDoc; xid: string; seq: string } | undefined> =>
    (await f.db.query<{ data: PackDoc; xid: string; seq: string }>(
      "SELECT data, xid::text AS xid, seq::text AS seq FROM docs WHERE collection = 'packs' AND id = $1",
      [id],
    ))[0];

  it('generates the signing key once and keeps it', async () => {
    const a = await ensureSigningKey(f.db);
    const b = await ensureSigningKey(f.db);
    expect(b).toEqual(a);
    expect(a.origin).toBe('database');
    expect(keyIdOf(a.publicKeyHex)).toBe(a.keyId);
    const rows = await f.db.query<{ key_id: string; private_key_hex: string | null }>('SELECT key_id, private_key_hex FROM centre_keys');
    expect(rows).toEqual([{ key_id: a.keyId, private_key_hex: a.privateKeyHex }]);
  });

  it('hands the public keys out at enrolment and on GET /policy-keys', async () => {
    const key = await ensureSigningKey(f.db);
    expect(hx.policyKeys).toEqual([{ keyId: key.keyId, publicKeyHex: key.publicKeyHex }]);
    expect(JSON.stringify(hx)).not.toContain(key.privateKeyHex);
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/policy-keys', headers: authHeaders(hx.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ policyKeys: hx.policyKeys });
    const anon = await f.app.inject({ method: 'GET', url: '/api/v1/policy-keys', headers: { 'x-shebao-protocol': '1' } });
    expect(anon.statusCode).toBe(401);
    expect(anon.json<ApiError>().error.code).toBe('auth.missing');
  });

  it('stores every shipped pack, and a Tianjin device pulls Tianjin’s only, each verifying against the enrolled keys', async () => {
    expect(await countDocs(f.db, 'packs')).toBe(6);
    const pulled = await pullAll<PackDoc>(f.app, hx.token, 'packs');
    expect(pulled.map((d) => d.id).sort()).toEqual(['120000:2024.1', '120000:2025.1']);
    for (const doc of pulled) {
      expect(packDocSchema.safeParse(doc).success).toBe(true);
      const v = verifyPack(doc.signed, hx.policyKeys ?? []);
      expect(v.ok).toBe(true);
      if (v.ok) expect([v.value.region.code, v.value.version]).toEqual([doc.regionCode, doc.version]);
    }
    // A Beijing pack exists on the server but is out of a Tianjin device's scope.
    expect(await storedPack('110000:2025.1')).toBeDefined();
    expect(pulled.some((d) => d.regionCode === '110000')).toBe(false);
  });

  it('seeding again stores nothing and changes nothing', async () => {
    const before = await storedPack('120000:2025.1');
    const again = await seedShippedPacks(f.db, SHIPPED_PACK_DIR, await ensureSigningKey(f.db));
    expect(again.published).toEqual([]);
    expect(again.present).toHaveLength(6);
    expect(again.differing).toEqual([]);
    expect(await storedPack('120000:2025.1')).toEqual(before);
  });

  it('refuses a push to packs with 403 collection.readOnly and stores nothing', async () => {
    const [doc] = await pullAll<PackDoc>(f.app, hx.token, 'packs');
    const forged = { ...doc, id: '120000:2099.1', version: '2099.1' };
    const res = await push(f.app, hx.token, 'packs', [{ assumedMasterState: null, newDocumentState: forged }]);
    expect(res.statusCode).toBe(403);
    expect(res.json<ApiError>().error.code).toBe('collection.readOnly');
    expect(await storedPack('120000:2099.1')).toBeUndefined();
  });

  it('publishes a new version that the next pull returns, and tells open streams through the watcher', async () => {
    const notifier = new ChangeNotifier();
    const events: StreamEvent[] = [];
    notifier.subscribe(hx.city.id, (e) => events.push(e));
    const watcher = new PackWatcher(f.db, notifier);
    await watcher.prime();
    expect(await watcher.check()).toBe(false);

    const before = await pullAll<PackDoc>(f.app, hx.token, 'packs');
    const r = await publishPack(f.db, tianjinRevision('2025.2'), await ensureSigningKey(f.db));
    expect(r.ok).toBe(true);
    const after = await pullAll<PackDoc>(f.app, hx.token, 'packs');
    expect(after.map((d) => d.id).sort()).toEqual([...before.map((d) => d.id), '120000:2025.2'].sort());
    const fresh = after.find((d) => d.id === '120000:2025.2');
    expect(fresh?.effectiveFrom).toBe('2025-07');
    expect(verifyPack(fresh?.signed, hx.policyKeys ?? []).ok).toBe(true);

    expect(await watcher.check()).toBe(true);
    expect(events).toEqual([{ type: 'changes', collection: 'packs', checkpoint: expect.objectContaining({ xid: expect.any(String) }) as unknown }]);
    expect(await watcher.check()).toBe(false);
  });

  it('refuses an existing version and an invalid pack, storing nothing', async () => {
    const key = await ensureSigningKey(f.db);
    const before = await storedPack('120000:2025.1');
    const exists = await publishPack(f.db, JSON.parse(readFileSync(join(SHIPPED_PACK_DIR, 'tianjin-2025.1.json'), 'utf8')), key);
    expect(exists).toEqual({ ok: false, code: 'pack.versionExists', params: { id: '120000:2025.1' } });
    expect(await storedPack('120000:2025.1')).toEqual(before);

    const n = await countDocs(f.db, 'packs');
    const bad = tianjinRevision('2025.9');
    bad.baseFloor = { ...(bad.baseFloor as object), value: 512450 }; // not whole yuan
    const invalid = await publishPack(f.db, bad, key);
    expect(invalid).toMatchObject({ ok: false, code: 'pack.schema', params: { path: 'baseFloor.value', reason: 'pack.wholeYuan' } });
    expect(await countDocs(f.db, 'packs')).toBe(n);
  });

  it('a pack altered in the database fails the device’s verifyPack', async () => {
    await f.db.query(
      `UPDATE docs SET data = jsonb_set(data, '{signed,pack,baseFloor,value}', '100000'::jsonb), xid = pg_current_xact_id(), seq = nextval('docs_seq')
        WHERE collection = 'packs' AND id = '120000:2024.1'`,
    );
    const doc = (await pullAll<PackDoc>(f.app, hx.token, 'packs')).find((d) => d.id === '120000:2024.1');
    expect(doc?.signed.pack).toMatchObject({ baseFloor: { value: 100000 } });
    expect(verifyPack(doc?.signed, hx.policyKeys ?? [])).toEqual({ ok: false, code: 'pack.signature' });
    // Signed by a key the device was never given: refused as unknown.
    const stranger = generateKeyPair();
    const foreign = signPack(tianjinRevision('2025.7'), stranger.privateKeyHex);
    expect(foreign.ok && verifyPack(foreign.value, hx.policyKeys ?? [])).toEqual({ ok: false, code: 'pack.unknownKey', params: { keyId: stranger.keyId } });
  });

  it('signs with SHEBAO_PACK_SIGNING_KEY, keeping its private half out of the database', async () => {
    const own = await ensureSigningKey(f.db);
    const operator = generateKeyPair();
    const key = await ensureSigningKey(f.db, operator.privateKeyHex.toUpperCase());
    expect(key).toEqual({ ...operator, origin: 'env' });
    const row = await f.db.query<{ private_key_hex: string | null }>('SELECT private_key_hex FROM centre_keys WHERE key_id = $1', [operator.keyId]);
    expect(row).toEqual([{ private_key_hex: null }]);
    // Both keys are trusted: packs signed by the old key stay valid (rotation).
    const keys = await listPolicyKeys(f.db);
    expect(keys.map((k) => k.keyId).sort()).toEqual([own.keyId, operator.keyId].sort());

    const r = await publishPack(f.db, tianjinRevision('2025.3'), key);
    expect(r.ok && r.value.doc.signed.signature.keyId).toBe(operator.keyId);
    const device = await enrol(f.app, 'XQ01', 'window 2');
    expect(device.policyKeys).toEqual(keys);
    const pulled = await pullAll<PackDoc>(f.app, device.token, 'packs');
    expect(pulled.find((d) => d.id === '120000:2025.3')).toBeDefined();
    for (const d of pulled.filter((x) => x.id !== '120000:2024.1')) expect(verifyPack(d.signed, keys).ok).toBe(true);
    // An old device that knows only the first key refuses the new pack as unknown, not as forged.
    expect(verifyPack(pulled.find((d) => d.id === '120000:2025.3')?.signed, hx.policyKeys ?? [])).toMatchObject({ code: 'pack.unknownKey' });

    expect(() => keyFromHex('abc')).toThrow(/SHEBAO_PACK_SIGNING_KEY must be/);
    await f.db.query('UPDATE centre_keys SET retired_at = now() WHERE key_id = $1', [operator.keyId]);
    await expect(ensureSigningKey(f.db, operator.privateKeyHex)).rejects.toThrow(/retired/);
    expect((await listPolicyKeys(f.db)).map((k) => k.keyId)).toEqual([own.keyId]);
  });
});

describe('pack scope', () => {
  it('is the city’s region and its province', async () => {
    const { packRegionsOf } = await import('../../src/server/policy/pack-store');
    expect(packRegionsOf('120000')).toEqual(['120000']);
    expect(packRegionsOf('330100')).toEqual(['330100', '330000']);
  });
});
