import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { canRunFaultServer, startFaultServer, type FaultServer } from '../tests/e2e/support/fault-server';
import type { SideDoor } from '../tests/e2e/support/network-namespace';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import type { BenchmarkResult } from './result';

export interface FaultRig {
  server: FaultServer;
  kioskUrl: string;
  browser: Browser;
  /** The browser for the visitor's page: `browser` itself unless the rig put it behind a side door. */
  visitorBrowser: Browser;
}

export interface FaultRigOptions {
  /**
   * The visitor's browser on a network of its own (`FaultServer.openSideDoor`), so the link between
   * this side and the server is the kiosk's alone.
   */
  visitorBehindSideDoor?: boolean;
  /** More Chromium flags for both browsers; a flag given again overrides the default's value. */
  chromiumArgs?: readonly string[];
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
  { visitorBehindSideDoor = false, chromiumArgs = [] }: FaultRigOptions = {},
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
  const launchOptions: LaunchOptions = {
    ...chromiumLaunchOptions,
    args: [...(chromiumLaunchOptions.args ?? []), ...server.chromiumArgs, ...chromiumArgs],
  };
  const wrapperDir = mkdtempSync(join(tmpdir(), 'bench-side-door-'));
  const browsers: Browser[] = [];
  try {
    const browser = await chromium.launch(launchOptions);
    browsers.push(browser);
    const visitorBrowser = visitorBehindSideDoor
      ? await chromium.launch({ ...launchOptions, executablePath: inNamespace(server.openSideDoor(), wrapperDir) })
      : browser;
    if (visitorBrowser !== browser) browsers.push(visitorBrowser);
    return await run({ server, kioskUrl: kiosk.url, browser, visitorBrowser });
  } finally {
    for (const browser of browsers) await browser.close();
    rmSync(wrapperDir, { recursive: true, force: true });
    await kiosk.stop();
    await server.dispose();
  }
}

/**
 * A Chromium that starts in the side door's namespace: Playwright talks to it over inherited pipes,
 * which `ip netns exec` keeps, so only its network differs.
 */
function inNamespace(door: SideDoor, dir: string): string {
  const chromiumPath = chromiumLaunchOptions.executablePath;
  if (chromiumPath === undefined)
    throw new Error('a browser behind a side door needs Chromium installed (CHROMIUM_PATH)');
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec '${door.name}' '${chromiumPath}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}
