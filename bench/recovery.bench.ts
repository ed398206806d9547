import { startCall } from '../tests/e2e/support/call-session';
import { demo } from '../tests/e2e/support/visitation';
import { withFaultRig } from './fault-rig';
import { describeRecovery, measureRecovery, recordCallTrace } from './recovery-phases';
import { median, round, type BenchmarkResult } from './result';

/**
 * From the network coming back after a cut to the kiosk's first newly decoded frame of the
 * visitor's video, over repeated cuts of one call, the link to the server's namespace cut for real
 * and restored. Each cut's phases are printed, so a slow one names where its time went.
 */
export function runRecoveryBenchmarks(cuts = 10, cutMs = 5000): Promise<BenchmarkResult[]> {
  return withFaultRig('recovery', async ({ server, kioskUrl, browser }) => {
    const { kioskPage } = await startCall(browser, {
      kioskUrl,
      visitorLink: server.visitorLink(demo.visits.now.code),
      visitor: demo.visits.now.visitor,
    });
    const trace = recordCallTrace(kioskPage);
    const recoveries: number[] = [];
    const firstPackets: number[] = [];
    for (let cut = 0; cut < cuts; cut++) {
      const cutAt = Date.now();
      server.cut();
      await kioskPage.waitForTimeout(cutMs);
      server.restore();
      const phases = await measureRecovery(kioskPage, trace, cutAt, Date.now(), 60_000);
      recoveries.push(phases.firstFrame);
      firstPackets.push(phases.firstPacket);
      process.stderr.write(
        `bench: recovery cut ${cut + 1}/${cuts}, ms after the restore: ${describeRecovery(phases)}\n`,
      );
      // Settle: media flows steadily again before the next cut.
      await kioskPage.waitForTimeout(2000);
    }
    return [
      { name: 'recovery.network_restored_to_media_ms.median', value: round(median(recoveries)), unit: 'ms' },
      { name: 'recovery.network_restored_to_media_ms.max', value: round(Math.max(...recoveries)), unit: 'ms' },
      { name: 'recovery.network_restored_to_first_packet_ms.max', value: round(Math.max(...firstPackets)), unit: 'ms' },
    ];
  });
}
