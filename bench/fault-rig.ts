import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { canRunFaultServer, startFaultServer, type FaultServer } from '../tests/e2e/support/fault-server';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import type { BenchmarkResult } from './result';

export interface FaultRig {
  server: FaultServer;
  kioskUrl: string;
  browser: Browser;
}

/**
 * What the network benchmarks run on, as the fault tests do: the reference server alone in a
 * network namespace, a preview host enrolled with it, and Chromium allowed the visitor page's
 * camera. Torn down after `run`, whatever happens. Needs root and iproute2; without them the group
 * reports nothing and says why.
 */
export async function withFaultRig(
  group: string,
  run: (rig: FaultRig) => Promise<BenchmarkResult[]>,
): Promise<BenchmarkResult[]> {
  if (!canRunFaultServer()) {
    process.stderr.write(`bench: ${group} skipped: needs root and iproute2 for a network namespace\n`);
    return [];
  }
  const server = await startFaultServer();
  const kiosk = await startPreviewHost({
    KIOSK_SERVER_URL: server.url,
    KIOSK_ENROLMENT_CODE: server.enrolmentCode,
    KIOSK_ALLOW_PLAIN_HTTP: '1',
  });
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...(chromiumLaunchOptions.args ?? []), ...server.chromiumArgs],
  });
  try {
    return await run({ server, kioskUrl: kiosk.url, browser });
  } finally {
    await browser.close();
    await kiosk.stop();
    await server.dispose();
  }
}
