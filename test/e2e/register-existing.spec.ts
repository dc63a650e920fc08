import { expect, test, type Page } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { listAll, openEnrolled, register, residentId, search } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];
let page: Page;

test.beforeAll(async () => {
  page = await openEnrolled(a, env.server().url, DEMO.A);
});

const RESIDENT_ID = /^\d{17}[\dX]$/;

/** Opens demo people from the top of the list until one has a resident ID; returns its id, number and name. */
async function pickDemoResident(): Promise<{ personId: string; idNumber: string; name: string }> {
  for (let i = 0; i < 10; i++) {
    await listAll(page);
    const row = page.locator(`[data-testid="persons-row"][data-index="${String(i)}"]`);
    await expect(row.getByTestId('persons-row-name')).toBeVisible();
    const personId = (await row.getAttribute('data-person-id')) ?? '';
    await row.click();
    await expect(page).toHaveURL(new RegExp(`#/persons/${personId}$`));
    const idNumber = (await page.getByTestId('detail-id-number').textContent()) ?? '';
    if (RESIDENT_ID.test(idNumber)) return { personId, idNumber, name: (await page.getByTestId('detail-name').textContent()) ?? '' };
  }
  throw new Error('no resident among the first 10 demo people');
}

/** Types an ID on the register form and leaves the field: an existing person opens instead. */
async function typeExistingId(idNumber: string, personId: string, name: string): Promise<void> {
  await page.getByTestId('nav-register').click();
  await expect(page).toHaveURL(/#\/register$/);
  await page.getByTestId('reg-id-number').fill(idNumber);
  await page.getByTestId('reg-id-number').blur();
  await expect(page).toHaveURL(new RegExp(`#/persons/${personId}$`));
  // .first(): the notice of an earlier look-up may still be fading out.
  await expect(page.getByText('该人员已登记，已为您打开其档案').first()).toBeVisible();
  await expect(page.getByTestId('detail-name')).toHaveText(name);
}

test('registering an ID that exists opens that person instead of a duplicate', async () => {
  const demo = await pickDemoResident();
  const before = await listAll(page);
  await typeExistingId(demo.idNumber, demo.personId, demo.name);
  await typeExistingId(demo.idNumber.toLowerCase(), demo.personId, demo.name);
  expect(await listAll(page)).toBe(before);
  await search(page, demo.idNumber);
  await expect(page.getByTestId('persons-count')).toHaveAttribute('data-count', '1');
});

test('a person registered here is opened, not duplicated, when registered again (submit path too)', async () => {
  const idNumber = residentId('120103', '19531111', '357');
  const name = '诸葛重复';
  await register(page, { idNumber, name, phone: '13500001111' });
  const personId = page.url().split('/').pop() ?? '';
  const before = await listAll(page);

  await typeExistingId(idNumber, personId, name);
  // Submitting without leaving the ID field (Enter in it) also lands on the existing person.
  await page.getByTestId('nav-register').click();
  await expect(page).toHaveURL(/#\/register$/);
  await page.getByTestId('reg-name').fill('诸葛另名');
  await page.getByTestId('reg-id-number').fill(idNumber);
  await page.getByTestId('reg-id-number').press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/persons/${personId}$`));
  await expect(page.getByTestId('detail-name')).toHaveText(name);
  expect(await listAll(page)).toBe(before);
});

test('an edit is recorded in the history (who, which field); deactivation needs a reason', async () => {
  const idNumber = residentId('120103', '19540202', '468');
  const name = '欧阳编辑';
  await register(page, { idNumber, name, phone: '13500002222' });
  const operator = (await page.getByTestId('header-operator-select').textContent())?.trim() ?? '';
  expect(operator).not.toBe('');

  await page.getByTestId('detail-edit').click();
  await expect(page.getByTestId('reg-id-number')).toHaveAttribute('readonly', '');
  await page.getByTestId('reg-phone').fill('13500003333');
  await page.getByTestId('reg-submit').click();
  await expect(page.getByTestId('detail-phone')).toHaveText('13500003333');

  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  const update = page.locator('[data-testid="history-row"][data-action="update"]');
  await expect(update).toHaveCount(1);
  await expect(update).toContainText(operator);
  await expect(update).toContainText('修改');
  await expect(update).toContainText('手机号码');
  await expect(update).not.toContainText('姓名');
  const create = page.locator('[data-testid="history-row"][data-action="create"]');
  await expect(create).toContainText(operator);

  // Deactivation without a reason is refused; with one it is recorded.
  await page.getByTestId('detail-deactivate').click();
  await page.getByTestId('deactivate-confirm').click();
  await expect(page.getByText('请填写注销原因')).toBeVisible();
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-active', 'true');
  await page.getByTestId('deactivate-reason').fill('迁出本市');
  await page.getByTestId('deactivate-confirm').click();
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('detail-deactivation')).toContainText('迁出本市');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('[data-testid="history-row"][data-action="deactivate"]')).toHaveCount(1);

  // Still in the register (never deleted), shown as deactivated.
  await search(page, idNumber);
  await expect(page.getByTestId('persons-row-name')).toHaveText([name]);
  await expect(page.getByTestId('persons-row')).toContainText('已注销');
});
