import { expect, test, type Page } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { enrol, expectShell, waitForSynced } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];

async function expectChinese(page: Page): Promise<void> {
  await expect(page.getByTestId('nav-register')).toHaveText('人员登记');
  await expect(page.getByTestId('nav-persons')).toHaveText('人员查询');
  await expect(page.getByTestId('status-online')).toHaveText('在线');
  await expect(page.getByTestId('status-pending')).toHaveText('没有待同步的变更');
  await expect(page.getByTestId('status-last-sync')).toContainText('上次同步：');
  await expect(page.getByTestId('sync-now')).toHaveText('立即同步');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

async function expectEnglish(page: Page): Promise<void> {
  await expect(page.getByTestId('nav-register')).toHaveText('Register person');
  await expect(page.getByTestId('nav-persons')).toHaveText('Find persons');
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  await expect(page.getByTestId('status-pending')).toHaveText('No changes waiting to sync');
  await expect(page.getByTestId('status-last-sync')).toContainText('Last sync: ');
  await expect(page.getByTestId('sync-now')).toHaveText('Sync now');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

test('Chinese by default, English switchable, the choice survives a reload, and back', async () => {
  // An English browser still gets Chinese: the users are station staff in China.
  const page = await a.open(env.server().url, { locale: 'en-US' });
  await expect(page.getByTestId('enrol-submit')).toHaveText('登记本机');
  await enrol(page, DEMO.A);
  await waitForSynced(page);
  await expectChinese(page);

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('lang-en').click();
  await expectEnglish(page);
  expect(await page.evaluate(() => localStorage.getItem('shebao.lang'))).toBe('en');

  await page.reload();
  await expectShell(page, DEMO.A);
  await expectEnglish(page);
  // Messages from the data layer follow too: an invalid ID is refused in English.
  await page.getByTestId('nav-register').click();
  await page.getByTestId('reg-id-number').fill('110105194912310021');
  await expect(page.getByTestId('reg-error')).toContainText(/check/i);
  await expect(page.getByTestId('reg-error')).not.toContainText('校验位');

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('lang-zh').click();
  await expectChinese(page);
  await page.reload();
  await expectShell(page, DEMO.A);
  await expectChinese(page);
});
