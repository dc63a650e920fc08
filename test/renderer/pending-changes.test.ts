import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_DOC, writeLocal } from '../../src/renderer/db/local-state';
import { createPendingTracker } from '../../src/renderer/sync/pending-changes';
import { retryDelay, RETRY_BASE_MS, RETRY_MAX_MS } from '../../src/renderer/sync/replication';
import { planSearch } from '../../src/renderer/db/person-search';
import { bytesToBase64 } from '../../src/renderer/platform/electron';
import { openTestStore, residentId, SESSION, type TestStore } from './fixtures';

let open: TestStore[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.store.close()));
  open = [];
});

describe('pending changes', () => {
  it('keeps a mark until the written version (or a later one) is acknowledged, across a reload', async () => {
    const t = await openTestStore();
    open.push(t);
    const pending = await createPendingTracker(t.store.db);
    pending.mark('persons', 'p1', '2024-01-01T00:00:00.002Z');
    pending.mark('audit', 'A1', '2024-01-01T00:00:00.001Z');
    expect(pending.count()).toBe(2);
    // An older state of p1 reached the server: the newer edit is still waiting.
    pending.acknowledge('persons', 'p1', '2024-01-01T00:00:00.001Z');
    expect(pending.count()).toBe(2);
    pending.acknowledge('audit', 'A1', '2024-01-01T00:00:00.001Z');
    expect(pending.count()).toBe(1);
    await pending.flush();

    await t.store.close();
    open = [];
    const again = await openTestStore({ indexedDB: t.indexedDB, name: t.name });
    open.push(again);
    const reloaded = await createPendingTracker(again.store.db);
    expect(reloaded.count()).toBe(1);
    const before = reloaded.snapshot();
    reloaded.mark('persons', 'p2', '2024-01-02T00:00:00.000Z');
    // A complete round clears what was marked when it started, not what came later.
    reloaded.settleRound(before);
    expect(reloaded.snapshot()).toEqual({ persons: { p2: '2024-01-02T00:00:00.000Z' }, audit: {}, payments: {}, records: {} });
    await reloaded.flush();
  });
});

describe('search classification', () => {
  it('reads one query every way it can mean', () => {
    const id = residentId('12010319900307123');
    const full = planSearch(id.toLowerCase(), SESSION);
    expect(full.keys).toHaveLength(1);
    expect(full.idNumber).toBe(id);
    expect(full.namePrefix).toBeNull();
    expect(planSearch('123x', SESSION)).toMatchObject({ idRevPrefix: 'X321', phonePrefix: null, namePrefix: null });
    expect(planSearch('13800', SESSION)).toMatchObject({ idRevPrefix: '00831', phonePrefix: '13800', namePrefix: null });
    expect(planSearch('12', SESSION)).toMatchObject({ idRevPrefix: null, phonePrefix: null, namePrefix: null });
    expect(planSearch('  张 ', SESSION)).toMatchObject({ namePrefix: '张', idRevPrefix: null, keys: [] });
    expect(planSearch('E12345678', null)).toMatchObject({ idNumber: 'E12345678', keys: [] });
  });
});

describe('small helpers', () => {
  it('backs off exponentially with jitter, within bounds', () => {
    expect(retryDelay(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelay(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelay(3, () => 1)).toBe(RETRY_BASE_MS * 4);
    expect(retryDelay(50, () => 1)).toBe(RETRY_MAX_MS);
  });

  it('encodes bytes as base64 for the save-file IPC', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('pending payments', () => {
  it('counts payments and reads markers stored before payments existed', async () => {
    const t = await openTestStore();
    try {
      // As stored by the release before payments: no `payments` key.
      await writeLocal(t.store.db, LOCAL_DOC.pending, { persons: { p1: '2024-01-01T00:00:00.000Z' }, audit: {} });
      const tracker = await createPendingTracker(t.store.db);
      expect(tracker.count()).toBe(1);
      tracker.mark('payments', 'PAY1', '2025-05-01T00:00:00.000Z');
      expect(tracker.count()).toBe(2);
      tracker.acknowledge('payments', 'PAY1', '2025-05-01T00:00:00.000Z');
      expect(tracker.count()).toBe(1);
      await tracker.flush();
    } finally {
      await t.store.close();
    }
  });
});
