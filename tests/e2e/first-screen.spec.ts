import { expect, test } from './support/preview-host';

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
]) {
  test(`the attract screen is the first screen at ${viewport.width}x${viewport.height}`, async ({
    page,
    kiosk,
    consoleErrors,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    const response = await page.goto(kiosk.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    const begin = page.getByRole('button', { name: /touch the screen to begin/i });
    await expect(begin).toBeVisible();
    const box = await begin.boundingBox();
    expect(box?.width).toBe(viewport.width);
    expect(box?.height).toBe(viewport.height);
    await expect(page.locator('html')).toHaveAttribute('data-host', 'preview');

    await page.screenshot({ path: testInfo.outputPath(`attract-${viewport.width}x${viewport.height}.png`) });
    expect(consoleErrors).toEqual([]);
  });
}

test('the attract screen is drawn from the page itself, before the contract answers anything', async ({
  page,
  kiosk,
}) => {
  // The contract socket opens but reaches nobody: no snapshot can come over it.
  await page.routeWebSocket(/\/contract$/, () => {});
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
});
