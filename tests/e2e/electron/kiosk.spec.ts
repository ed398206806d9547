import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

const binary = findElectronBinary();

test.skip(binary.path === undefined, `no Electron binary on this machine: ${binary.reason}`);

test('the Electron host opens a locked-down kiosk window on the attract screen', async () => {
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    // The attract screen, not first-boot setup, on a kiosk with no server.
    env: { ...process.env, KIOSK_UNPROVISIONED: 'unavailable' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
    expect(await page.evaluate(() => location.protocol)).toBe('app:');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(
      await page.evaluate(() => Object.keys((window as { kioskBridge?: object }).kioskBridge ?? {}).sort()),
    ).toEqual(['host', 'on', 'request']);

    const state = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      return { kiosk: win?.isKiosk(), menu: win?.isMenuBarVisible() };
    });
    expect(state).toEqual({ kiosk: true, menu: false });

    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => location.href)).toBe('app://kiosk/index.html');

    await page.getByRole('button', { name: /touch the screen to begin/i }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  } finally {
    await app.close();
  }
});
