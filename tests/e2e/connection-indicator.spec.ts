import type { Page } from '@playwright/test';
import { startCall } from './support/call-session';
import { demo, expect, test } from './support/visitation';

/**
 * The connection indicator on both ends grades what getStats measures. On loopback the link is
 * good; a poorer reading is fed where the browser hands the figures over (the peer connection's
 * getStats report), so everything above it, the sampler and the grading, runs as in a call.
 */

/** Makes every getStats report of the page say the selected candidate pair's round trip is `seconds` (undefined: as measured). */
async function reportRoundTrip(page: Page, seconds: number | undefined): Promise<void> {
  await page.evaluate((seconds) => {
    type Patched = typeof RTCPeerConnection.prototype & { __measuredGetStats?: RTCPeerConnection['getStats'] };
    const prototype = RTCPeerConnection.prototype as Patched;
    const measured = (prototype.__measuredGetStats ??= prototype.getStats);
    if (seconds === undefined) {
      prototype.getStats = measured;
      return;
    }
    prototype.getStats = async function (this: RTCPeerConnection, ...args: [MediaStreamTrack?]) {
      const report = await measured.apply(this, args);
      const entries = [...report.entries()].map(
        ([id, entry]: [string, { type: string; nominated?: boolean }]): [string, object] => [
          id,
          entry.type === 'candidate-pair' && entry.nominated === true
            ? { ...entry, currentRoundTripTime: seconds }
            : entry,
        ],
      );
      return new Map(entries) as unknown as RTCStatsReport;
    };
  }, seconds);
}

test('both ends grade the connection from measured figures: good on loopback, poor when the round trip is long, good again after', async ({
  browser,
  server,
  kiosk,
}) => {
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  const kioskIndicator = kioskPage.getByRole('status').filter({ hasText: /connection/ });
  const visitorIndicator = visitorPage.getByRole('status').filter({ hasText: /connection/ });
  await expect(kioskIndicator).toHaveText('Good connection', { timeout: 20_000 });
  await expect(visitorIndicator).toHaveText('Good connection', { timeout: 20_000 });

  await reportRoundTrip(kioskPage, 0.9);
  await reportRoundTrip(visitorPage, 0.45);
  // A drop shows at the next reading (every two seconds).
  await expect(kioskIndicator).toHaveText('Poor connection', { timeout: 6000 });
  await expect(visitorIndicator).toHaveText('Weak connection', { timeout: 6000 });

  await reportRoundTrip(kioskPage, undefined);
  await reportRoundTrip(visitorPage, undefined);
  // A rise only after three good readings in a row: not at the next one.
  await kioskPage.waitForTimeout(2500);
  await expect(kioskIndicator).toHaveText('Poor connection');
  await expect(kioskIndicator).toHaveText('Good connection', { timeout: 10_000 });
  await expect(visitorIndicator).toHaveText('Good connection', { timeout: 10_000 });
});
