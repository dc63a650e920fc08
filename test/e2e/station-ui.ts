import { expect, type Locator, type Page } from '@playwright/test';
import { gb11643CheckChar } from '../../src/shared/id-number';
import type { StationProfile } from './fixtures';

/** What the enrolment screen needs (DEMO.A / DEMO.B in fixtures.ts). */
export interface StationLogin {
  readonly stationCode: string;
  readonly enrolmentCode: string;
  readonly name: string;
}

export interface NewPerson {
  readonly idNumber: string;
  readonly name: string;
  readonly phone?: string;
}

/**
 * A valid 18-digit resident ID. Demo people are born 1960–2004, so a birth
 * year before 1960 can never collide with the seeded register.
 * region: 6-digit code (120103 = 天津市河西区), birth: YYYYMMDD, seq: 3 digits (odd = male).
 */
export function residentId(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`residentId: bad parts ${first17}`);
  return first17 + gb11643CheckChar(first17);
}

/** A 3-digit sequence that differs per run, so a rerun against a reused DB still registers new people. */
export function randomSeq(): string {
  return String(Math.floor(Math.random() * 1000)).padStart(3, '0');
}

/** Shell is up: the station's name is in the header and the nav is usable. */
export async function expectShell(page: Page, station: StationLogin): Promise<void> {
  await expect(page.getByTestId('header-station')).toHaveText(station.name);
  await expect(page.getByTestId('nav-register')).toBeVisible();
}

/** Enrols the device at the station and confirms the preselected operator. */
export async function enrol(page: Page, station: StationLogin, deviceName = `e2e ${station.stationCode}`): Promise<void> {
  await expect(page.getByTestId('enrol-server-url')).not.toHaveValue('');
  await page.getByTestId('enrol-station-code').fill(station.stationCode);
  await page.getByTestId('enrol-code').fill(station.enrolmentCode);
  await page.getByTestId('enrol-device-name').fill(deviceName);
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('operator-confirm').click();
  await expectShell(page, station);
}

/** The status bar's online indicator state. */
export function onlineState(page: Page): Locator {
  return page.getByTestId('status-online');
}

export async function expectOffline(page: Page): Promise<void> {
  await expect(onlineState(page)).toHaveAttribute('data-state', 'offline');
}

export async function expectOnline(page: Page): Promise<void> {
  await expect(onlineState(page)).toHaveAttribute('data-state', 'online');
}

/** Number of local changes not yet acknowledged by the server. */
export async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('status-pending').getAttribute('data-count'));
}

export async function lastSyncValue(page: Page): Promise<string> {
  return (await page.getByTestId('status-last-sync').getAttribute('data-value')) ?? '';
}

/** ISO time → ms, '' (never synced) → 0. */
function isoMs(iso: string): number {
  return iso === '' ? 0 : Date.parse(iso);
}

/**
 * Waits until nothing is pending, no round is running and the last
 * successful sync is later than `after` (ISO; '' = any sync at all).
 */
export async function waitForSynced(page: Page, after = ''): Promise<string> {
  await expectOnline(page);
  await expect(page.getByTestId('status-pending')).toHaveAttribute('data-count', '0');
  await expect
    .poll(async () => isoMs(await lastSyncValue(page)), { message: `last sync after '${after}'` })
    .toBeGreaterThan(isoMs(after));
  await expect(page.getByTestId('status-syncing')).toHaveCount(0);
  await expect(page.getByTestId('status-error')).toHaveCount(0);
  return lastSyncValue(page);
}

/** Clicks 立即同步 and waits for a sync round that completes after the click. */
export async function syncNow(page: Page): Promise<string> {
  const before = await lastSyncValue(page);
  await expect(page.getByTestId('sync-now')).toBeEnabled();
  await page.getByTestId('sync-now').click();
  return waitForSynced(page, before);
}

/** Registers a new resident and waits for their detail page. */
export async function register(page: Page, person: NewPerson): Promise<void> {
  await page.getByTestId('nav-register').click();
  await expect(page.getByTestId('person-form')).toBeVisible();
  await fillRegisterForm(page, person);
  await page.getByTestId('reg-submit').click();
  await expect(page.getByTestId('detail-name')).toHaveText(person.name);
  await expect(page.getByTestId('detail-id-number')).toHaveText(person.idNumber.toUpperCase());
}

/** Fills ID, name and phone (the other required fields have defaults). */
export async function fillRegisterForm(page: Page, person: NewPerson): Promise<void> {
  await page.getByTestId('reg-id-number').fill(person.idNumber);
  await page.getByTestId('reg-name').fill(person.name);
  if (person.phone !== undefined) await page.getByTestId('reg-phone').fill(person.phone);
}

function personsCount(page: Page): Locator {
  return page.getByTestId('persons-count');
}

/** Opens the persons page with an empty box (the whole register listed) and returns its size. */
export async function listAll(page: Page): Promise<number> {
  await page.getByTestId('nav-persons').click();
  const box = page.getByTestId('persons-search');
  await box.fill('');
  await expect(personsCount(page)).toHaveAttribute('data-mode', 'all');
  return Number(await personsCount(page).getAttribute('data-count'));
}

/**
 * Searches the register and returns the result rows. Clearing first puts
 * the list back into 'all' mode, so the 'search' mode awaited afterwards
 * is this query's result, never a stale one.
 */
export async function search(page: Page, q: string): Promise<Locator> {
  await listAll(page);
  await page.getByTestId('persons-search').fill(q);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(personsCount(page)).toHaveAttribute('data-mode', 'search');
  return page.getByTestId('persons-row');
}

/** Number of hits of the current search (reads the count, not the virtualised rows). */
export async function searchCount(page: Page): Promise<number> {
  return Number(await personsCount(page).getAttribute('data-count'));
}

/** Searches and opens the only hit's detail page. */
export async function openOnlyHit(page: Page, q: string, name: string): Promise<void> {
  const rows = await search(page, q);
  await expect(personsCount(page)).toHaveAttribute('data-count', '1');
  await expect(rows.getByTestId('persons-row-name')).toHaveText(name);
  await rows.first().click();
  await expect(page.getByTestId('detail-name')).toHaveText(name);
}

/** Opens a station's browser on the server, enrols it and waits for its first sync: the usual start of a spec. */
export async function openEnrolled(profile: StationProfile, url: string, station: StationLogin): Promise<Page> {
  const page = await profile.open(url);
  await enrol(page, station);
  await waitForSynced(page);
  return page;
}
