import { chromium, test as base, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium-launch';
import { canRunFaultServer, startFaultServer, type FaultServer } from './fault-server';
import { startPreviewHost, type PreviewProcess } from './preview-process';

/**
 * Fault tests' fixtures: the reference server in its own network namespace, a preview host enrolled
 * with it across the veth pair, and a Chromium that may use camera and microphone on the server's
 * plain-HTTP origin (the visitor page). Torn down by Playwright even when a test times out, so no
 * server is left running in a deleted namespace.
 */
export const test = base.extend<{ faultServer: FaultServer; faultKiosk: PreviewProcess; faultBrowser: Browser }>({
  faultServer: async ({}, use) => {
    test.skip(!canRunFaultServer(), 'needs root and iproute2 for a network namespace');
    const server = await startFaultServer();
    await use(server);
    await server.dispose();
  },
  faultKiosk: async ({ faultServer }, use) => {
    const host = await startPreviewHost({
      KIOSK_SERVER_URL: faultServer.url,
      KIOSK_ENROLMENT_CODE: faultServer.enrolmentCode,
    });
    await use(host);
    await host.stop();
  },
  faultBrowser: async ({ faultServer }, use) => {
    const browser = await chromium.launch({
      ...chromiumLaunchOptions,
      args: [...(chromiumLaunchOptions.args ?? []), ...faultServer.chromiumArgs],
    });
    await use(browser);
    await browser.close();
  },
});

export { expect } from '@playwright/test';
