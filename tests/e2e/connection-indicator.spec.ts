import type { Page } from '@playwright/test';
import { startCall } from './support/call-session';
import { demo, expect, test } from './support/visitation';

/**
 * The connection indicator on both ends grades what getStats measures. The figures are set where
 * the browser hands them over (the peer connection's getStats report), so everything above it, the
 * sampler and the grading, runs as in a call, and the grade does not depend on how busy the
 * machine is: on a loaded two-core machine a loopback call's frame rate alone reads as weak.
 */

/**
 * Makes every getStats report of the page say the selected candidate pair's round trip is
 * `roundTripSeconds`, and the received video steady at 30 frames a second with no loss and no
 * freeze since the first call; packets still count as received.
 */
async function reportSteadyLink(page: Page, roundTripSeconds: number): Promise<void> {
  await page.evaluate((roundTripSeconds) => {
    interface Entry {
      type: string;
      nominated?: boolean;
      kind?: string;
      packetsLost?: number;
      framesReceived?: number;
      freezeCount?: number;
      totalFreezesDuration?: number;
    }
    type Patched = typeof RTCPeerConnection.prototype & {
      __measuredGetStats?: RTCPeerConnection['getStats'];
      __roundTripSeconds?: number;
    };
    const prototype = RTCPeerConnection.prototype as Patched;
    prototype.__roundTripSeconds = roundTripSeconds;
    if (prototype.__measuredGetStats !== undefined) return;
    const measured = (prototype.__measuredGetStats = prototype.getStats);
    /** Each inbound stream's totals when first seen: the steady figures count on from them. */
    const baselines = new Map<string, { at: number; entry: Entry }>();
    prototype.getStats = async function (this: RTCPeerConnection, ...args: [MediaStreamTrack?]) {
      const report = await measured.apply(this, args);
      const now = performance.now();
      const entries = [...report.entries()].map(([id, entry]: [string, Entry]): [string, object] => {
        if (entry.type === 'candidate-pair' && entry.nominated === true) {
          return [id, { ...entry, currentRoundTripTime: prototype.__roundTripSeconds }];
        }
        if (entry.type !== 'inbound-rtp') return [id, entry];
        const baseline = baselines.get(id) ?? { at: now, entry };
        baselines.set(id, baseline);
        const { packetsLost, framesReceived = 0, freezeCount, totalFreezesDuration } = baseline.entry;
        if (entry.kind !== 'video') return [id, { ...entry, packetsLost }];
        const steadyFrames = framesReceived + Math.floor(((now - baseline.at) / 1000) * 30);
        return [id, { ...entry, packetsLost, framesReceived: steadyFrames, freezeCount, totalFreezesDuration }];
      });
      return new Map(entries) as unknown as RTCStatsReport;
    };
  }, roundTripSeconds);
}

test('both ends grade the connection from measured figures: good with a short round trip, poor when the round trip is long, good again after', async ({
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
  await reportSteadyLink(kioskPage, 0.02);
  await reportSteadyLink(visitorPage, 0.02);
  await expect(kioskIndicator).toHaveText('Good connection', { timeout: 20_000 });
  await expect(visitorIndicator).toHaveText('Good connection', { timeout: 20_000 });

  await reportSteadyLink(kioskPage, 0.9);
  await reportSteadyLink(visitorPage, 0.45);
  // A drop shows at the next reading (every two seconds).
  await expect(kioskIndicator).toHaveText('Poor connection', { timeout: 6000 });
  await expect(visitorIndicator).toHaveText('Weak connection', { timeout: 6000 });

  await reportSteadyLink(kioskPage, 0.02);
  await reportSteadyLink(visitorPage, 0.02);
  // A rise only after three good readings in a row: not at the next one.
  await kioskPage.waitForTimeout(2500);
  await expect(kioskIndicator).toHaveText('Poor connection');
  await expect(kioskIndicator).toHaveText('Good connection', { timeout: 10_000 });
  await expect(visitorIndicator).toHaveText('Good connection', { timeout: 10_000 });
});
