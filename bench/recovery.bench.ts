import { startCall, waitForNewFrames } from '../tests/e2e/support/call-session';
import { demo } from '../tests/e2e/support/visitation';
import { withFaultRig } from './fault-rig';
import { median, round, type BenchmarkResult } from './result';

/**
 * From the network coming back after a cut to the kiosk's first newly decoded frame of the
 * visitor's video, over repeated cuts of one call, the link to the server's namespace cut for real
 * and restored.
 */
export function runRecoveryBenchmarks(cuts = 10, cutMs = 5000): Promise<BenchmarkResult[]> {
  return withFaultRig('recovery', async ({ server, kioskUrl, browser }) => {
    const { kioskPage } = await startCall(browser, {
      kioskUrl,
      visitorLink: server.visitorLink(demo.visits.now.code),
      visitor: demo.visits.now.visitor,
    });
    const recoveries: number[] = [];
    for (let cut = 0; cut < cuts; cut++) {
      server.cut();
      await kioskPage.waitForTimeout(cutMs);
      server.restore();
      recoveries.push(await waitForNewFrames(kioskPage, 60_000));
      // Settle: media flows steadily again before the next cut.
      await kioskPage.waitForTimeout(2000);
    }
    return [
      { name: 'recovery.network_restored_to_media_ms.median', value: round(median(recoveries)), unit: 'ms' },
      { name: 'recovery.network_restored_to_media_ms.max', value: round(Math.max(...recoveries)), unit: 'ms' },
    ];
  });
}
