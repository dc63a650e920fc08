import { expect, test, type Page } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import {
  enrol, expectOffline, expectOnline, lastSyncValue, pendingCount, randomSeq, register, residentId, search,
  syncNow, waitForSynced,
} from './station-ui';

const env = useServerAndStations(2);
const [a, b] = env.stations as [StationProfile, StationProfile];

/** The person found by full ID; its detail page shows `phone`. Returns the person id. */
async function openPerson(page: Page, idNumber: string, phone: string): Promise<string> {
  const rows = await search(page, idNumber);
  await expect(rows).toHaveCount(1);
  const personId = (await rows.getAttribute('data-person-id')) ?? '';
  await rows.click();
  await expect(page.getByTestId('detail-phone')).toHaveText(phone);
  return personId;
}

test('a clash is reviewed field by field at one station, and the other station sees it resolved with the chosen values', async () => {
  const idNumber = residentId('120111', '19620405', randomSeq());
  const [nameA, nameB] = ['欧阳审核', '欧阳审合'];
  const [phoneA, phoneB] = ['13800003333', '13900004444'];

  const pageA = await a.open(env.server().url);
  await enrol(pageA, DEMO.A);
  const pageB = await b.open(env.server().url);
  await enrol(pageB, DEMO.B);
  await waitForSynced(pageA);
  await waitForSynced(pageB);

  // Both offline, both register the same ID with a different name spelling and phone.
  await a.setOffline(true);
  await b.setOffline(true);
  await expectOffline(pageA);
  await expectOffline(pageB);
  await register(pageA, { idNumber, name: nameA, phone: phoneA });
  await register(pageB, { idNumber, name: nameB, phone: phoneB });
  await expect.poll(() => pendingCount(pageB)).toBeGreaterThanOrEqual(1);
  const syncedA = await lastSyncValue(pageA);
  const syncedB = await lastSyncValue(pageB);
  await a.setOffline(false);
  await expectOnline(pageA);
  await waitForSynced(pageA, syncedA);
  await b.setOffline(false);
  await expectOnline(pageB);
  await waitForSynced(pageB, syncedB);
  const personId = await openPerson(pageB, idNumber, phoneA);

  // B reviews: side by side, then takes its own phone and types a corrected name.
  await pageB.getByTestId('nav-sync').click();
  const listed = pageB.locator(`[data-testid="conflicts-row"][data-person-id="${personId}"]`);
  await expect(listed).toHaveCount(1);
  await listed.getByTestId('conflicts-review-link').click();
  const review = pageB.getByTestId('conflict-review-page');
  await expect(review).toHaveAttribute('data-status', 'open');
  const phoneRow = pageB.locator('[data-testid="conflict-review-row"][data-field="phone"]');
  await expect(phoneRow).toContainText(phoneA);
  await expect(phoneRow).toContainText(phoneB);
  const nameRow = pageB.locator('[data-testid="conflict-review-row"][data-field="name"]');
  await expect(nameRow).toContainText(nameA);
  await expect(nameRow).toContainText(nameB);
  await phoneRow.getByText('采用提交方的值').click();
  await nameRow.getByText('输入更正值').click();
  await nameRow.getByTestId('conflict-typed').fill('欧阳申禾');
  await pageB.getByTestId('conflict-resolve').click();
  await expect(review).toHaveAttribute('data-status', 'resolved');
  await expect(pageB.locator('[data-testid="conflict-chosen"][data-field="phone"]')).toContainText(phoneB);
  await expect(pageB.locator('[data-testid="conflict-chosen"][data-field="name"]')).toContainText('欧阳申禾');
  const resolvedBy = (await pageB.getByTestId('conflict-resolved').getAttribute('data-by')) ?? '';
  expect(resolvedBy).not.toBe('');

  await syncNow(pageB);
  await syncNow(pageA);

  // A: the clash is no longer open; it is listed as resolved by B's clerk, and the person carries the chosen values.
  await pageA.getByTestId('nav-sync').click();
  await expect(pageA.locator(`[data-testid="conflicts-row"][data-person-id="${personId}"]`)).toHaveCount(0);
  const resolvedRow = pageA.locator(`[data-testid="conflicts-resolved-row"][data-person-id="${personId}"]`);
  await expect(resolvedRow).toHaveAttribute('data-by', resolvedBy);
  await resolvedRow.getByRole('link').click();
  await expect(pageA.getByTestId('conflict-review-page')).toHaveAttribute('data-status', 'resolved');
  await expect(pageA.locator('[data-testid="conflict-chosen"][data-field="phone"]')).toHaveAttribute('data-choice', 'local');
  await openPerson(pageA, idNumber, phoneB);
  await expect(pageA.getByTestId('detail-name')).toHaveText('欧阳申禾');
});
