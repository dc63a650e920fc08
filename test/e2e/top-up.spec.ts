import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { DEMO, StationProfile, startServer, type RunningServer } from './fixtures';
import { openEnrolled, openOnlyHit, randomSeq, register, residentId, syncNow } from './station-ui';

const station = new StationProfile();
const dataDir = mkdtempSync(join(tmpdir(), 'shebao-e2e-topup-db-'));
let server: RunningServer | null = null;

test.afterAll(async () => {
  await station.dispose();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The server on this file's own data directory (later flags win over
 * startServer's defaults), so it can be stopped, given a pack with the
 * publish-pack command (PGlite: one process per directory) and started
 * again on the same port the enrolled device talks to.
 */
async function startOn(port?: string): Promise<RunningServer> {
  return startServer([...(port ? ['--port', port] : []), '--data-dir', dataDir]);
}

/** A later Tianjin pack for this year's months with a higher floor, published by the documented command. */
function publishLatePack(version: string, effectiveFrom: string, floorFen: number): void {
  const pack = JSON.parse(readFileSync('assets/policy-packs/tianjin-2025.1.json', 'utf8')) as Record<string, unknown> & { baseFloor: { value: number } };
  const file = join(dataDir, `tianjin-${version}.json`);
  writeFileSync(file, JSON.stringify({ ...pack, version, effectiveFrom, publishedAt: todayInChina(), baseFloor: { ...pack.baseFloor, value: floorFen } }));
  execFileSync(process.execPath, ['dist/server/cli.js', 'publish-pack', file, '--data-dir', dataDir], { stdio: 'pipe' });
}

test('补差 after a late pack: paid at the floor in force, a higher floor published for the same month, the person owes, pays, and owes nothing more', async () => {
  server = await startOn();
  const port = new URL(server.url).port;
  const person = { idNumber: residentId('120104', '19590612', randomSeq()), name: '上官补差', phone: '13822223333' };
  const month = todayInChina().slice(0, 7);
  const year = month.slice(0, 4);

  const page = await openEnrolled(station, server.url, DEMO.A);
  await register(page, person);
  // Paid under the pack in force (Tianjin 2025.1, floor 5124 yuan: DOMAIN.md §4).
  await page.getByTestId('detail-take-payment').click();
  await page.getByTestId('pay-from').fill(month);
  await page.getByTestId('pay-to').fill(month);
  await page.getByTestId('pay-base').fill('5124');
  await expect(page.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await page.getByTestId('pay-base').press('Enter');
  const originalNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
  expect(originalNo).toMatch(/^HX01-/);
  await page.getByTestId('receipt-back').click();
  await syncNow(page);
  await page.getByTestId('nav-topups').click();
  await expect(page.getByTestId('topups-empty')).toBeVisible();

  // The centre publishes a revision for this year, reaching back over the month paid, with floor 5300 yuan.
  await server.stop();
  publishLatePack(`${year}.9`, `${year}-01`, 530_000);
  server = await startOn(port);
  await syncNow(page);

  // (5300 − 5124) × 20% = 35.20 yuan for the one month (DOMAIN.md §4).
  const owedFen = ((530_000 - 512_400) * 20) / 100;
  const row = page.locator(`[data-testid="topups-row"][data-total-fen="${String(owedFen)}"]`);
  await expect(row.getByTestId('topups-row-name')).toHaveText(person.name);
  await expect(row.getByTestId('topups-row-months')).toHaveText(month);
  await expect(row.getByTestId('topups-row-amount')).toHaveText('35.20');
  await row.click();

  await expect(page.getByTestId('topup-title')).toContainText(person.name);
  await expect(page.getByTestId('topup-item')).toHaveCount(1);
  await expect(page.getByTestId('topup-item')).toHaveAttribute('data-month', month);
  await expect(page.getByTestId('topup-item')).toContainText(originalNo);
  await expect(page.getByTestId('topup-total')).toHaveAttribute('data-fen', String(owedFen));
  await page.getByTestId('topup-take').click();

  // The receipt of the 补差: its own number, the amount in figures and capitals.
  await expect(page.getByTestId('receipt-no')).toHaveText(/^HX01-\d{3}-\d{4}-\d{6}-[0-9A-Z]$/);
  await expect(page.getByTestId('receipt-no')).not.toHaveText(originalNo);
  await expect(page.getByTestId('receipt-amount')).toContainText('35.20');
  await expect(page.getByTestId('receipt-amount-capital')).toContainText('叁拾伍元贰角整');

  // Nothing is owed any more: no banner on the person, nobody on the list, and the centre took the record.
  await page.getByTestId('receipt-back').click();
  await expect(page.getByTestId('payment-row')).toHaveCount(2);
  await expect(page.getByTestId('detail-topup-banner')).toHaveCount(0);
  await syncNow(page);
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('payment-rejections-empty')).toBeVisible();
  await page.getByTestId('nav-topups').click();
  await expect(page.getByTestId('topups-empty')).toBeVisible();

  // Statement: this year's credits are 8% of 5124.00 (409.92) + 8% of the 176.00 raise (14.08) = 424.00; the year is open.
  await openOnlyHit(page, person.idNumber, person.name);
  await page.locator('[data-testid="statement-link"][data-scheme="employee_pension"]').click();
  const yearRow = page.locator(`[data-testid="statement-year"][data-year="${year}"]`);
  await expect(yearRow.getByTestId('statement-year-credits')).toHaveAttribute('data-fen', '42400');
  await expect(yearRow.getByTestId('statement-year-interest')).toHaveAttribute('data-fen', '');
  await expect(page.getByTestId('statement-balance')).toHaveAttribute('data-fen', '42400');
  await expect(page.getByTestId('statement-paid-ranges')).toHaveAttribute('data-ranges', `${month}~${month}`);
});
