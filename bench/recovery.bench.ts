import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { canRunFaultServer, startFaultServer } from '../tests/e2e/support/fault-server';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { demo, receivedMedia, signIn, watchPeerConnections } from '../tests/e2e/support/visitation';
import { median, round, type BenchmarkResult } from './result';

/**
 * From the network coming back after a cut to the kiosk's first newly decoded frame of the
 * visitor's video, over repeated cuts of one call: the reference server in its own network
 * namespace (as the fault tests run it), the link cut for real and restored. Needs root and
 * iproute2; without them the group reports nothing and says why.
 */
export async function runRecoveryBenchmarks(cuts = 10, cutMs = 5000): Promise<BenchmarkResult[]> {
  if (!canRunFaultServer()) {
    process.stderr.write('bench: recovery skipped: needs root and iproute2 for a network namespace\n');
    return [];
  }
  const server = await startFaultServer();
  const kiosk = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: server.enrolmentCode });
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...(chromiumLaunchOptions.args ?? []), ...server.chromiumArgs],
  });
  try {
    const kioskPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const visitorPage = await browser.newPage();
    await watchPeerConnections(kioskPage);
    await kioskPage.goto(kiosk.url);
    await signIn(kioskPage, demo.inmate.id, demo.inmate.pin);
    await kioskPage
      .getByRole('listitem')
      .filter({ hasText: demo.visits.now.visitor })
      .getByRole('button', { name: 'Start visit' })
      .click();
    await kioskPage.getByRole('button', { name: 'I understand' }).click();
    await visitorPage.goto(server.visitorLink(demo.visits.now.code));
    await visitorPage.getByRole('button', { name: 'Join visit' }).click();
    await untilNewFrame(kioskPage, 30_000);

    const recoveries: number[] = [];
    for (let cut = 0; cut < cuts; cut++) {
      server.cut();
      await kioskPage.waitForTimeout(cutMs);
      server.restore();
      recoveries.push(await untilNewFrame(kioskPage, 60_000));
      // Settle: media flows steadily again before the next cut.
      await kioskPage.waitForTimeout(2000);
    }
    return [
      { name: 'recovery.network_restored_to_media_ms.median', value: round(median(recoveries)), unit: 'ms' },
      { name: 'recovery.network_restored_to_media_ms.max', value: round(Math.max(...recoveries)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await kiosk.stop();
    await server.dispose();
  }
}

/** Milliseconds until the page decodes a video frame it had not when called (a rebuilt transport counts from zero). */
async function untilNewFrame(page: Page, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let previous = (await receivedMedia(page)).framesDecoded;
  while (performance.now() - started < timeoutMs) {
    await page.waitForTimeout(50);
    const current = (await receivedMedia(page)).framesDecoded;
    if (current > previous) return performance.now() - started;
    previous = current;
  }
  throw new Error(`no new video frame decoded within ${timeoutMs} ms`);
}
