import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The two kiosk screens the layout must suit: the usual 1080p panel and a smaller 1280x800 one. */
export const kioskViewports = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;

/**
 * Checks the screen as it is with axe-core (every rule axe runs by default: WCAG 2.x A/AA and best
 * practice) and saves a screenshot at each kiosk size as `<name>-<width>x<height>.png`.
 */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map(({ id, help, nodes }) => ({ id, help, targets: nodes.map((node) => node.target.join(' ')) })),
    `axe on ${name}`,
  ).toEqual([]);
  const original = page.viewportSize();
  for (const viewport of kioskViewports) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${viewport.width}x${viewport.height}.png`) });
  }
  if (original !== null) await page.setViewportSize(original);
}
