import { chromiumLaunchOptions } from './support/chromium-launch';
import { expect, test } from './support/preview-host';
import { checkScreen } from './support/screens';

/** A name that is not the host's own but that this browser resolves to it, as an alias in /etc/hosts would. */
const alias = 'kiosk-alias.test';
test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    args: [...(chromiumLaunchOptions.args ?? []), `--host-resolver-rules=MAP ${alias} 127.0.0.1`],
  },
});

test('the kiosk opened as localhost works like the address the host printed', async ({
  page,
  kiosk,
  consoleErrors,
}) => {
  const { port, hostname } = new URL(kiosk.url);
  expect(hostname).toBe('127.0.0.1');
  await page.goto(`http://localhost:${port}/`);
  await page.getByRole('button', { name: /touch the screen to begin/i }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
  expect(kiosk.logs().filter((line) => line.msg === 'refused socket')).toEqual([]);
});

test('a page under a name the host does not accept says so in English and Spanish, and stops asking', async ({
  page,
  kiosk,
}, testInfo) => {
  const { port } = new URL(kiosk.url);
  await page.goto(`http://${alias}:${port}/`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { level: 1 })).toHaveText('This page cannot reach the kiosk service');
  await expect(alert.getByRole('heading', { level: 2 })).toHaveText(
    'Esta página no puede conectarse con el servicio del quiosco',
  );
  await expect(alert).toContainText(`socket from foreign origin http://${alias}:${port}`);
  await checkScreen(page, testInfo, 'socket-refused');

  // Refused once, it does not knock again: retrying (250 ms, then doubling) would have by now.
  await page.waitForTimeout(2_000);
  const refusals = kiosk.logs().filter((line) => line.msg === 'refused socket');
  expect(refusals).toHaveLength(1);
  expect(refusals[0]?.reason).toBe(`socket from foreign origin http://${alias}:${port}`);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toHaveCount(0);
});
