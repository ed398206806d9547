import { visitWithDrops } from '../tests/e2e/support/ledger-visit';
import { withFaultRig } from './fault-rig';
import { ledgerEvidence } from './ledger-evidence';
import { median, round, type BenchmarkResult } from './result';

/** A small seeded generator (mulberry32), so every run cuts the same "random" drops. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How far the kiosk's connected seconds are from the server's own count, over `visits` whole visits,
 * each with one to three network cuts of 1–6 s at random (seeded): the reference server in its own
 * network namespace, as the fault tests run it.
 */
export function runLedgerBenchmarks(visits = 20): Promise<BenchmarkResult[]> {
  return withFaultRig('ledger', async ({ server, kioskUrl, browser }) => {
    const random = seeded(20_261_201);
    const differences: number[] = [];
    // Where the disagreement comes from, over all visits: the start and end, and each drop's two ends.
    const spans: number[] = [];
    const dropStarts: number[] = [];
    const dropEnds: number[] = [];
    for (let visit = 0; visit < visits; visit++) {
      const cutsMs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => 1000 + Math.round(random() * 5000));
      const { report } = await visitWithDrops({
        browser,
        server,
        kioskUrl,
        visitor: { firstName: `Bench${String.fromCharCode(65 + visit)}`, lastName: 'Visitor' },
        cutsMs,
        flowingMs: 3000,
      });
      differences.push(Math.abs(report.differenceSeconds ?? Number.NaN));
      const evidence = ledgerEvidence(server.dataDir, report);
      if (evidence !== undefined) {
        spans.push(evidence.spanMs);
        dropStarts.push(...evidence.dropStartsMs);
        dropEnds.push(...evidence.dropEndsMs);
      }
      process.stderr.write(
        `bench: ledger visit ${visit + 1}/${visits}: cuts ${cutsMs.join(', ')} ms; kiosk ` +
          `${report.kiosk?.ledger.connectedSeconds} s, server ${report.server.connectedSeconds} s` +
          (evidence === undefined
            ? '\n'
            : `; kiosk − server, ms: start and end ${evidence.spanMs}, drops' starts ` +
              `[${evidence.dropStartsMs.join(', ')}], ends [${evidence.dropEndsMs.join(', ')}]` +
              ` (drops: kiosk ${evidence.kioskDrops}, server ${evidence.serverDrops})\n`),
      );
    }
    return [
      { name: 'ledger.max_disagreement_s', value: round(Math.max(...differences), 3), unit: 's' },
      { name: 'ledger.median_disagreement_s', value: round(median(differences), 3), unit: 's' },
      { name: 'ledger.start_and_end_bias_ms.median', value: round(median(spans)), unit: 'ms' },
      { name: 'ledger.drop_start_bias_ms.median', value: round(median(dropStarts)), unit: 'ms' },
      { name: 'ledger.drop_end_bias_ms.median', value: round(median(dropEnds)), unit: 'ms' },
    ];
  });
}
