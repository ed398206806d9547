import { test as base } from '@playwright/test';
import { startPreviewHost, type PreviewProcess } from './preview-process';

export { startPreviewHost, type PreviewProcess };

/**
 * A fresh preview host per test with no server (the attract screen, visits unavailable, rather than
 * first-boot setup, which `setup.spec.ts` starts itself), and a page that fails the test on any
 * console error (CSP included).
 */
export const test = base.extend<{ kiosk: PreviewProcess; consoleErrors: string[] }>({
  kiosk: async ({}, use) => {
    const host = await startPreviewHost({ KIOSK_UNPROVISIONED: 'unavailable' });
    await use(host);
    await host.stop();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect } from '@playwright/test';
