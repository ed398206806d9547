import type { Page } from '@playwright/test';

/**
 * Records what the page warns with: each tone it plays (a warning is two short beeps) and the text of
 * each alert as it appears. An alert shows for a while only, and a slow accessibility check on a
 * loaded machine can outlast it, so the page keeps its own record.
 */
export async function recordWarnings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = window as unknown as { __beeps: number; __alerts: string[] };
    record.__beeps = 0;
    record.__alerts = [];
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<OscillatorNode['start']>) {
      record.__beeps += 1;
      return start.apply(this, args);
    };
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (!(node instanceof Element)) continue;
          const alerts = node.matches('[role="alert"]') ? [node] : [...node.querySelectorAll('[role="alert"]')];
          for (const alert of alerts) record.__alerts.push(alert.textContent ?? '');
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

export const beeps = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);
export const alertsShown = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts);
