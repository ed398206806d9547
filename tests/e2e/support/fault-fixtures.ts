import { writeFileSync } from 'node:fs';
import { chromium, test as base, type Browser, type TestInfo } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium-launch';
import { canRunFaultServer, startFaultServer, type FaultServer } from './fault-server';
import { startPreviewHost, type PreviewProcess } from './preview-process';

/**
 * Fault tests' fixtures: the reference server in its own network namespace, a preview host enrolled
 * with it across the veth pair, and a Chromium that may use camera and microphone on the server's
 * plain-HTTP origin (the visitor page). Torn down by Playwright even when a test times out, so no
 * server is left running in a deleted namespace.
 *
 * A fault that does not heal is rare and timing-bound, so a failed test keeps what is needed to
 * explain it: the server's debug log and, in `callLog`, both pages' console (`CallOptions.log`).
 */
export interface FaultFixtures {
  faultServer: FaultServer;
  faultKiosk: PreviewProcess;
  faultBrowser: Browser;
  callLog: string[];
}

export const test = base.extend<FaultFixtures>({
  callLog: async ({}, use, testInfo) => {
    const log: string[] = [];
    await use(log);
    await keepIfFailed(testInfo, 'call-console.log', log);
  },
  faultServer: async ({}, use, testInfo) => {
    test.skip(!canRunFaultServer(), 'needs root and iproute2 for a network namespace');
    const server = await startFaultServer({ logLevel: 'debug' });
    await use(server);
    await keepIfFailed(testInfo, 'server.log', () => server.logs().map((line) => JSON.stringify(line)));
    await server.dispose();
  },
  faultKiosk: async ({ faultServer }, use) => {
    const host = await startPreviewHost({
      KIOSK_SERVER_URL: faultServer.url,
      KIOSK_ENROLMENT_CODE: faultServer.enrolmentCode,
      KIOSK_ALLOW_PLAIN_HTTP: '1',
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

/** Written to the test's output folder (the line reporter keeps no attachment bodies) and attached. */
async function keepIfFailed(
  testInfo: TestInfo,
  name: string,
  lines: readonly string[] | (() => readonly string[]),
): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  const path = testInfo.outputPath(name);
  writeFileSync(path, (typeof lines === 'function' ? lines() : lines).join('\n'));
  await testInfo.attach(name, { path, contentType: 'text/plain' });
}

export { expect } from '@playwright/test';
