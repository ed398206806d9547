import { expect, test } from './support/preview-host';

test('a touch travels through the contract to main and main decides the next screen', async ({
  page,
  kiosk,
  consoleErrors,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: /touch the screen to begin/i }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The screen lives in main: a reloaded renderer comes back to the same place.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('every open renderer follows main: an event reaches a second page', async ({ browser, kiosk }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await first.goto(kiosk.url);
  await second.goto(kiosk.url);
  await expect(second.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();

  await first.getByRole('button', { name: /touch the screen to begin/i }).click();
  await expect(second.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
