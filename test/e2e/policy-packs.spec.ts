import { expect, test } from '@playwright/test';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { openEnrolled } from './station-ui';

const env = useServerAndStations(1);
const [a] = env.stations as [StationProfile];

test('a Tianjin station receives the signed Tianjin packs, verifies them and shows each value with its source status', async () => {
  const page = await openEnrolled(a, env.server().url, DEMO.A);
  await page.getByTestId('nav-packs').click();

  const rows = page.getByTestId('packs-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-pack-id', '120000:2024.1');
  await expect(rows.nth(1)).toHaveAttribute('data-pack-id', '120000:2025.1');
  // Scope: another region's pack (Beijing, Zhejiang) is never pulled by a Tianjin device.
  await expect(page.locator('[data-testid="packs-row"][data-pack-id^="110000"]')).toHaveCount(0);
  await expect(page.getByTestId('pack-refusals-empty')).toBeVisible();

  await rows.nth(1).getByTestId('packs-open').click();
  const drawer = page.getByTestId('pack-detail');
  await expect(drawer).toBeVisible();
  // DOMAIN.md §4: Tianjin 2025 floor 5124, ceiling 25620 yuan a month.
  await expect(drawer.locator('[data-testid="pack-value-row"][data-key="baseFloor"]').getByTestId('pack-value')).toContainText('5,124.00');
  await expect(drawer.locator('[data-testid="pack-value-row"][data-key="baseCeiling"]').getByTestId('pack-value')).toContainText('25,620.00');
  await expect(drawer.locator('[data-testid="pack-value-row"][data-key="baseFloor"]')).toHaveAttribute('data-status', 'official');
});
