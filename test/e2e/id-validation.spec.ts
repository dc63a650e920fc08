import { expect, test, type Page } from '@playwright/test';
import { convert15To18, gb11643CheckChar } from '../../src/shared/id-number';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { fillRegisterForm, listAll, openEnrolled, register, residentId, search } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];
let page: Page;

test.beforeAll(async () => {
  page = await openEnrolled(a, env.server().url, DEMO.A);
});

/** Types an ID on the register form, tries to submit, and expects the refusal message. */
async function expectRefused(idNumber: string, message: string | RegExp): Promise<void> {
  await page.getByTestId('nav-register').click();
  await fillRegisterForm(page, { idNumber, name: '令狐拒绝', phone: '13700001234' });
  await expect(page.getByTestId('reg-error')).toContainText(message);
  await page.getByTestId('reg-submit').click();
  // Still on the form, the message still there, no person page opened.
  await expect(page.getByTestId('reg-error')).toContainText(message);
  await expect(page.getByTestId('person-form')).toBeVisible();
  await expect(page).toHaveURL(/#\/register$/);
  await expect(page.getByTestId('detail-name')).toHaveCount(0);
}

/** Nobody with this number is in the local register. */
async function expectNotStored(idNumber: string): Promise<void> {
  await search(page, idNumber);
  await expect(page.getByTestId('persons-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('persons-empty')).toBeVisible();
}

test('a wrong check character is refused in Chinese and nothing is stored', async () => {
  const wrong = '110105194912310021';
  expect(gb11643CheckChar(wrong.slice(0, 17))).not.toBe(wrong.charAt(17));
  const before = await listAll(page);
  expect(before).toBeGreaterThan(0);

  await expectRefused(wrong, '校验位');
  await expect(page.getByTestId('reg-error')).toContainText(`校验位应为 ${gb11643CheckChar(wrong.slice(0, 17))}`);
  await expect(page.getByTestId('reg-derived-birth')).toHaveCount(0);

  expect(await listAll(page)).toBe(before);
  await expectNotStored(wrong);
});

test('a future birth date and an unknown province are refused with their messages', async () => {
  const before = await listAll(page);
  const nextYear = new Date().getUTCFullYear() + 1;
  const future = residentId('120103', `${String(nextYear)}0101`, '001');
  await expectRefused(future, '出生日期不能晚于今天');

  const unknownProvince = residentId('990101', '19700101', '001');
  await expectRefused(unknownProvince, '不是有效的省级行政区划代码');

  expect(await listAll(page)).toBe(before);
  await expectNotStored(future);
  await expectNotStored(unknownProvince);
});

test('a 15-digit number is converted to 18 digits, shown and stored that way', async () => {
  const id15 = '120103570921135';
  const id18 = convert15To18(id15);
  expect(id18).toHaveLength(18);
  await page.getByTestId('nav-register').click();
  await fillRegisterForm(page, { idNumber: id15, name: '慕容旧号' });
  await expect(page.getByTestId('reg-converted-id')).toContainText(id18);
  await expect(page.getByTestId('reg-derived-birth')).toHaveText('1957-09-21');
  await expect(page.getByTestId('reg-derived-sex')).toHaveText('男');
  await expect(page.getByTestId('reg-error')).toHaveCount(0);
  await page.getByTestId('reg-submit').click();
  await expect(page.getByTestId('detail-name')).toHaveText('慕容旧号');
  await expect(page.getByTestId('detail-id-number')).toHaveText(id18);

  // Found by its 18-digit form and by the 15-digit one typed at the window.
  await search(page, id18);
  await expect(page.getByTestId('persons-count')).toHaveAttribute('data-count', '1');
  await search(page, id15);
  await expect(page.getByTestId('persons-row-name')).toHaveText(['慕容旧号']);
});

test('a lowercase x check character is accepted and stored upper-case', async () => {
  // The first sequence number whose check character is X.
  const seq = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).find(
    (s) => gb11643CheckChar(`12010319520614${s}`) === 'X',
  );
  expect(seq).toBeDefined();
  const upper = residentId('120103', '19520614', seq ?? '');
  expect(upper.endsWith('X')).toBe(true);
  const lower = upper.toLowerCase();

  await page.getByTestId('nav-register').click();
  await fillRegisterForm(page, { idNumber: lower, name: '公孙小写' });
  await expect(page.getByTestId('reg-derived-birth')).toHaveText('1952-06-14');
  await expect(page.getByTestId('reg-error')).toHaveCount(0);
  await page.getByTestId('reg-submit').click();
  await expect(page.getByTestId('detail-name')).toHaveText('公孙小写');
  await expect(page.getByTestId('detail-id-number')).toHaveText(upper);

  await search(page, lower);
  await expect(page.getByTestId('persons-row-name')).toHaveText(['公孙小写']);
});

test('a valid number registers (control case for the refusals above)', async () => {
  const before = await listAll(page);
  const id = residentId('120103', '19500505', '246');
  await register(page, { idNumber: id, name: '司马有效', phone: '13600005678' });
  expect(await listAll(page)).toBe(before + 1);
});
