import { expect, test, type Page } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import {
  enrol, expectOffline, expectOnline, lastSyncValue, pendingCount, randomSeq, register, residentId, search,
  syncNow, waitForSynced,
} from './station-ui';

const env = useServerAndStations(2);
const [a, b] = env.stations as [StationProfile, StationProfile];

/** Search by the full ID: exactly one row, whose detail shows the expected phone. Returns the person id. */
async function expectOnePerson(page: Page, idNumber: string, name: string, phone: string): Promise<string> {
  const rows = await search(page, idNumber);
  await expect(page.getByTestId('persons-count')).toHaveAttribute('data-count', '1');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId('persons-row-name')).toHaveText(name);
  const personId = (await rows.getAttribute('data-person-id')) ?? '';
  expect(personId).toMatch(/^p[0-9a-f]{32}$/);
  await rows.click();
  await expect(page.getByTestId('detail-id-number')).toHaveText(idNumber);
  await expect(page.getByTestId('detail-phone')).toHaveText(phone);
  return personId;
}

/** The sync page lists the clash on this person with the phone field in it. */
async function expectPhoneConflict(page: Page, personId: string, localPhone: string, serverPhone: string): Promise<void> {
  await page.getByTestId('nav-sync').click();
  const row = page.locator(`[data-testid="conflicts-row"][data-person-id="${personId}"]`);
  await expect(row).toHaveCount(1);
  const field = row.locator('[data-testid="conflict-field"][data-field="phone"]');
  await expect(field).toContainText(localPhone);
  await expect(field).toContainText(serverPhone);
  await expect(page.getByTestId('conflicts-empty')).toHaveCount(0);
}

test('the same ID registered offline at both stations is one person after sync, and the clash is listed', async () => {
  const idNumber = residentId('120111', '19580203', randomSeq());
  const name = '上官同号';
  const phoneA = '13800001111';
  const phoneB = '13900002222';

  const pageA = await a.open(env.server().url);
  await enrol(pageA, DEMO.A);
  const pageB = await b.open(env.server().url);
  await enrol(pageB, DEMO.B);
  await waitForSynced(pageA);
  await waitForSynced(pageB);

  // Both offline, both register the same number with different phones.
  await a.setOffline(true);
  await b.setOffline(true);
  await expectOffline(pageA);
  await expectOffline(pageB);
  await register(pageA, { idNumber, name, phone: phoneA });
  await register(pageB, { idNumber, name, phone: phoneB });
  await expect.poll(() => pendingCount(pageA)).toBeGreaterThanOrEqual(1);
  await expect.poll(() => pendingCount(pageB)).toBeGreaterThanOrEqual(1);
  const syncedA = await lastSyncValue(pageA);
  const syncedB = await lastSyncValue(pageB);

  // A pushes first: its version becomes the server's.
  await a.setOffline(false);
  await expectOnline(pageA);
  await waitForSynced(pageA, syncedA);
  // B pushes the same person: the server merges, keeps its phone and records the conflict.
  await b.setOffline(false);
  await expectOnline(pageB);
  await waitForSynced(pageB, syncedB);
  // A again, to pull the conflict record.
  await syncNow(pageA);

  const idA = await expectOnePerson(pageA, idNumber, name, phoneA);
  const idB = await expectOnePerson(pageB, idNumber, name, phoneA);
  expect(idB).toBe(idA);

  // Conflicts are pulled city-wide: both stations list the clash (B's phone was the losing local value).
  await expectPhoneConflict(pageB, idA, phoneB, phoneA);
  await expectPhoneConflict(pageA, idA, phoneB, phoneA);
});
