import { expect, test } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import {
  enrol, expectOffline, expectOnline, expectShell, lastSyncValue, openOnlyHit, pendingCount, randomSeq,
  register, residentId, search, searchCount, syncNow, waitForSynced,
} from './station-ui';

const env = useServerAndStations(2);
const [a, b] = env.stations as [StationProfile, StationProfile];

test('a person registered offline at A survives a restart, syncs, and is found at B', async () => {
  const person = { idNumber: residentId('120103', '19560817', randomSeq()), name: '端木离线', phone: '13912345678' };
  const last6 = person.idNumber.slice(-6);

  // Both stations enrol while online and finish their first sync (the demo register).
  let pageA = await a.open(env.server().url);
  await enrol(pageA, DEMO.A);
  const pageB = await b.open(env.server().url);
  await enrol(pageB, DEMO.B);
  await waitForSynced(pageA);
  await waitForSynced(pageB);
  // The service worker must be installed (its precache complete) before A can reopen offline.
  await pageA.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // A loses the network and registers a new person.
  await a.setOffline(true);
  await expectOffline(pageA);
  await expect(pageA.getByTestId('sync-now')).toBeDisabled();
  await register(pageA, person);
  await expect.poll(() => pendingCount(pageA)).toBeGreaterThanOrEqual(1);
  await expect(pageA.getByTestId('status-pending')).toContainText('条变更待同步');
  const syncedBefore = await lastSyncValue(pageA);

  // A's browser is closed and reopened on the same profile, still offline: the service worker serves the app.
  await a.close();
  pageA = await a.open(env.server().url, { offline: true });
  await expectShell(pageA, DEMO.A);
  expect(a.lastNavigation?.fromServiceWorker()).toBe(true);
  expect(await pageA.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Really cut off: the app's own API calls fail.
  expect(await pageA.evaluate(() => fetch('/api/v1/health').then(() => 'reached', () => 'failed'))).toBe('failed');
  await expectOffline(pageA);
  await expect.poll(() => pendingCount(pageA)).toBeGreaterThanOrEqual(1);
  await openOnlyHit(pageA, person.idNumber, person.name);
  await expect(pageA.getByTestId('detail-phone')).toHaveText(person.phone);

  // Back online: A's changes go up, the pending count drops to 0, last sync moves on.
  await a.setOffline(false);
  await expectOnline(pageA);
  await waitForSynced(pageA, syncedBefore);

  // B pulls and finds the person by name and by the last 6 ID characters.
  await syncNow(pageB);
  const byName = await search(pageB, person.name);
  await expect(byName.getByTestId('persons-row-name')).toHaveText([person.name]);
  const byTail = await search(pageB, last6);
  expect(await searchCount(pageB)).toBeGreaterThanOrEqual(1);
  await byTail.filter({ hasText: person.name }).click();
  await expect(pageB.getByTestId('detail-name')).toHaveText(person.name);
  await expect(pageB.getByTestId('detail-id-number')).toHaveText(person.idNumber);
  await expect(pageB.getByTestId('detail-phone')).toHaveText(person.phone);
  await expect(pageB.getByTestId('history-row')).toHaveCount(1);
  await expect(pageB.getByTestId('history-row').first()).toHaveAttribute('data-action', 'create');
});
