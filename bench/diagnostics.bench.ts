// Remote diagnostics: from the console's request to the bundle kept on the server, against a real
// kiosk runtime whose log folder holds a busy day's lines, so reading its tail is part of the figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo } from '../server/demo/seed';
import { signedInConsole } from '../server/test-support/console-client';
import { startTestServer } from '../server/test-support/test-server';
import { loadRuntimeConfig } from '../src/main/config/runtime-config';
import { startKioskRuntime } from '../src/main/kiosk-runtime';
import { createLogger, logFolder } from '../src/main/log/logger';
import { median, percentile, round, type BenchmarkResult } from './result';

/** About a day of a busy kiosk's info lines. */
const loggedLines = 20_000;

export async function runDiagnosticsBenchmarks(requests = 20): Promise<BenchmarkResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-diagnostics-bench-'));
  const server = await startTestServer();
  const log = await createLogger({ dir: logFolder(dataDir) });
  const kiosk = await startKioskRuntime({
    host: 'preview',
    dataDir,
    config: loadRuntimeConfig({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: demo.enrolmentCode }),
    appName: 'diagnostics bench',
    version: '0.0.0-bench',
    log,
  });
  const desk = await signedInConsole(server.url, demo.officer);
  try {
    for (let line = 0; line < loggedLines; line++) {
      log.info({ visitId: `visit-${line % 40}`, outboxPending: line % 7, phase: 'connected' }, 'call quality sample');
    }
    await new Promise((resolve) => log.flush(resolve));
    const link = kiosk.link;
    if (link === undefined) throw new Error('the bench kiosk did not enrol');
    if (!link.connected) await new Promise<void>((resolve) => link.onConnect(() => resolve()));
    const kioskId = kiosk.store.config.get('kioskId') ?? '';

    const times: number[] = [];
    const sizes: number[] = [];
    for (let request = 0; request < requests; request++) {
      const started = performance.now();
      const answer = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId });
      const elapsed = performance.now() - started;
      if (!answer.ok || answer.result.outcome.status !== 'collected') {
        throw new Error(`diagnostics request ${request + 1} was not collected: ${JSON.stringify(answer)}`);
      }
      times.push(elapsed);
      sizes.push(answer.result.outcome.diagnostics.sizeBytes);
    }
    process.stderr.write(`bench: diagnostics, ms per request: ${times.map((time) => round(time)).join(', ')}\n`);
    return [
      { name: 'fleet.diagnostics_ms.median', value: round(median(times)), unit: 'ms' },
      { name: 'fleet.diagnostics_ms.p90', value: round(percentile(times, 90)), unit: 'ms' },
      { name: 'fleet.diagnostics_ms.max', value: round(Math.max(...times)), unit: 'ms' },
      { name: 'fleet.diagnostics_bundle_bytes.max', value: Math.max(...sizes), unit: 'bytes' },
    ];
  } finally {
    desk.close();
    await kiosk.close();
    await server.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
