import { IDBFactory } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../../src/renderer/db/database';
import { LOCAL_DOC, writeLocal } from '../../src/renderer/db/local-state';
import type { LocalDataApi } from '../../src/renderer/db/open-data-api';
import { createApiClient } from '../../src/renderer/sync/http-client';
import { fetchPolicyKeys } from '../../src/renderer/sync/policy-keys';
import { uniqueDbName } from './fixtures';
import { DEMO_CODES, openApiWithStore, useTestServer } from './sync-server';

const env = useTestServer(0, { packs: true });

async function open(place: { indexedDB: IDBFactory; dbName: string }): Promise<{ api: LocalDataApi; store: LocalStore }> {
  const opened = await openApiWithStore(place);
  env.track(opened.api);
  return opened;
}

const TIANJIN = ['120000:2024.1', '120000:2025.1'];

describe('policy packs from the real server', () => {
  it('enrols with the centre’s keys, pulls the city’s packs and verifies them', async () => {
    const { api } = await open({ indexedDB: new IDBFactory(), dbName: uniqueDbName('ps') });
    const session = await api.enrol(env.server().url, 'HX01', DEMO_CODES.HX01, 'window 1');
    expect(session.policyKeys?.length).toBeGreaterThan(0);
    const served = await fetchPolicyKeys(createApiClient({ fetchImpl: fetch, baseUrl: env.server().url, token: session.token }));
    expect(served).toEqual(session.policyKeys);

    await api.sync.syncNow();
    const list = await firstValueFrom(api.policy.list());
    expect(list.map((p) => p.id)).toEqual(TIANJIN);
    expect(list.map((p) => [p.regionName, p.effectiveFrom])).toEqual([['天津市', '2024-01'], ['天津市', '2025-01']]);
    expect(await firstValueFrom(api.policy.refusals$)).toEqual([]);
    const inForce = await api.policy.packForMonth('120000', '2025-06');
    expect(inForce?.version).toBe('2025.1');
    expect(inForce?.baseFloor.value).toBe(512400);
    expect((await api.policy.packForMonth('120000', '2024-12'))?.version).toBe('2024.1');
  });

  it('fetches the keys for a device enrolled before packs existed', async () => {
    const place = { indexedDB: new IDBFactory(), dbName: uniqueDbName('ps') };
    const first = await open(place);
    const { policyKeys: _keys, ...old } = await first.api.enrol(env.server().url, 'HX01', DEMO_CODES.HX01, 'window 2');
    // As stored by the release before policy packs: no keys in the session.
    await writeLocal(first.store.db, LOCAL_DOC.session, old);
    await env.closeNow(first.api);

    const { api } = await open(place);
    expect((await api.session())?.policyKeys).toBeUndefined();
    await api.sync.syncNow();
    expect((await api.session())?.policyKeys?.length).toBeGreaterThan(0);
    expect((await firstValueFrom(api.policy.list())).map((p) => p.id)).toEqual(TIANJIN);
  });
});
