import { expect, test } from '@playwright/test';
import { todayInChina } from '../../src/shared/id-number';
import { DEMO, StationProfile, useServerAndStations } from './fixtures';
import { enrol, expectOffline, expectOnline, lastSyncValue, openOnlyHit, randomSeq, register, residentId, syncNow, waitForSynced } from './station-ui';

const env = useServerAndStations(2);
const [a, b] = env.stations as [StationProfile, StationProfile];

test('a payment taken offline at A gets a receipt, syncs, and shows at B; a base below the floor is refused and nothing stored', async () => {
  const person = { idNumber: residentId('120104', '19580321', randomSeq()), name: '欧阳收费', phone: '13811112222' };
  const month = todayInChina().slice(0, 7);

  const pageA = await a.open(env.server().url);
  await enrol(pageA, DEMO.A);
  const pageB = await b.open(env.server().url);
  await enrol(pageB, DEMO.B);
  await waitForSynced(pageA);
  await register(pageA, person);
  await syncNow(pageA);

  // A loses the network; the window keeps working from the local store and its leased receipt block.
  await a.setOffline(true);
  await expectOffline(pageA);
  const syncedBefore = await lastSyncValue(pageA);
  await pageA.getByTestId('detail-take-payment').click();
  await expect(pageA.getByTestId('pay-title')).toContainText(person.name);
  await expect(pageA.getByTestId('pay-next-receipt')).toBeVisible();
  await pageA.getByTestId('pay-from').fill(month);
  await pageA.getByTestId('pay-to').fill(month);

  // Tianjin 2025 floor is 5124 yuan (DOMAIN.md §4): 5000 is refused with the floor named.
  await pageA.getByTestId('pay-base').fill('5000');
  await expect(pageA.getByTestId('pay-error')).toHaveAttribute('data-code', 'base.belowFloor');
  await expect(pageA.getByTestId('pay-error')).toContainText('5124.00');
  await expect(pageA.getByTestId('pay-save')).toBeDisabled();
  await pageA.getByTestId('pay-base').press('Enter');
  await expect(pageA.getByTestId('pay-title')).toBeVisible();

  // At the floor: 20% of 5124.00 = 1024.80 yuan for one month of employee pension.
  await pageA.getByTestId('pay-base').fill('5124');
  await expect(pageA.getByTestId('pay-error')).toHaveCount(0);
  await expect(pageA.getByTestId('pay-due-total')).toHaveAttribute('data-fen', '102480');
  await pageA.getByTestId('pay-base').press('Enter');

  const receiptNo = pageA.getByTestId('receipt-no');
  await expect(receiptNo).toHaveText(/^HX01-\d{3}-\d{4}-\d{6}-[0-9A-Z]$/);
  const number = (await receiptNo.textContent()) ?? '';
  await expect(pageA.getByTestId('receipt-amount-capital')).toContainText('壹仟零贰拾肆元捌角整');
  await expect(pageA.getByTestId('receipt-copy')).toHaveCount(0);
  await pageA.getByTestId('receipt-print').click();
  await pageA.getByTestId('receipt-print').click();
  await expect(pageA.getByTestId('receipt-copy')).toBeVisible();

  // Exactly one payment was stored (the refused base left nothing behind).
  await pageA.getByTestId('receipt-back').click();
  await expect(pageA.getByTestId('payment-row')).toHaveCount(1);

  // Online again: the payment goes up; B sees it on the person's page with the same receipt number.
  await a.setOffline(false);
  await expectOnline(pageA);
  await waitForSynced(pageA, syncedBefore);
  await syncNow(pageB);
  await openOnlyHit(pageB, person.idNumber, person.name);
  const rowB = pageB.getByTestId('payment-row');
  await expect(rowB).toHaveCount(1);
  await expect(rowB.getByTestId('payment-receipt-link')).toHaveText(number);
  await expect(rowB).toHaveAttribute('data-status', 'recorded');
});
