import { demo, expect, signIn, test } from './support/visitation';

test('a wrong PIN gets a clear message and an empty PIN field; the right one opens the visit list', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await signIn(page, demo.inmate.id, '1111');
  await expect(page.getByRole('status')).toHaveText('That inmate ID and PIN do not match. Please try again.');
  await expect(page.getByLabel('PIN')).toHaveValue('');

  await page.getByLabel('PIN').click();
  for (const digit of demo.inmate.pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: "Today's visits" })).toBeVisible();
  await expect(page.getByText(`Hello, ${demo.inmate.displayName}`)).toBeVisible();
});

test('repeated wrong PINs lock sign-in with a visible countdown', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await signIn(page, demo.inmate.id, '1111');
  // The reference server locks an inmate ID after five wrong PINs in a row.
  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByLabel('PIN').click();
    for (const digit of '1111') await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The answer empties the PIN field; typing before it arrives would be wiped (PIN hashing takes
    // about a second on a loaded machine).
    await expect(page.getByLabel('PIN')).toHaveValue('');
    await expect(page.getByRole('status')).not.toHaveText('Signing in…');
  }
  await expect(page.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await expect(page.getByRole('status')).toHaveText(/Too many tries\. You can try again in \d+:\d\d\./);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
});

test('a visit outside its window cannot start', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await signIn(page, demo.inmate.id, demo.inmate.pin);
  const later = page.getByRole('listitem').filter({ hasText: demo.visits.later.visitor });
  await expect(later.getByText(/Opens in \d+:\d\d:\d\d/)).toBeVisible();
  await expect(later.getByRole('button', { name: 'Start visit' })).toBeDisabled();
});
