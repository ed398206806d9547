import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, round, type BenchmarkResult } from './result';

/**
 * From navigation start to the attract screen's button being in the page (React has rendered it
 * and attached its handler), measured inside the page on its own clock, over fresh loads.
 */
export async function runStartupBenchmarks(loads = 10): Promise<BenchmarkResult[]> {
  const host = await startPreviewHost();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const times: number[] = [];
    for (let load = 0; load < loads; load++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen = (): boolean => document.querySelector('.attract-target') !== null;
        new MutationObserver((_changes, observer) => {
          if (!seen()) return;
          (window as unknown as { __interactiveAt: number }).__interactiveAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(host.url);
      await page.getByRole('button', { name: /touch the screen to begin/i }).waitFor();
      times.push(await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt));
      await context.close();
    }
    return [{ name: 'startup.interactive_ms.median', value: round(median(times)), unit: 'ms' }];
  } finally {
    await browser.close();
    await host.stop();
  }
}
