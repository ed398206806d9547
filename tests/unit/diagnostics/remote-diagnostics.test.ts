import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../../src/main/config/runtime-config';
import { startKioskRuntime, type KioskRuntime } from '../../../src/main/kiosk-runtime';
import { createLogger, logFolder, type Logger } from '../../../src/main/log/logger';
import { diagnosticsBundleSchema } from '../../../src/shared/protocol/diagnostics';
import { demo } from '../../../server/demo/seed';
import { keptBundlesPerKiosk } from '../../../server/diagnostics/kiosk-diagnostics';
import { openDatabase } from '../../../server/store/database';
import { connectKiosk } from '../../../server/test-support/clients';
import { signedInConsole, type ConsoleClient } from '../../../server/test-support/console-client';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';

/** What a kiosk's log may hold that must never leave it in a bundle. */
const secrets = {
  pin: '4827',
  inmateId: '51234',
  inmateName: 'Marcus R.',
  visitorCode: 'QX7P-Z2LM-T9KD',
  token: 'tok3n-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
};

/** Resolves once the kiosk's rotated log file holds `marker`: pino writes asynchronously. */
async function loggedLine(dataDir: string, marker: string): Promise<void> {
  const dir = logFolder(dataDir);
  await expect
    .poll(() => readdirSync(dir).some((name) => readFileSync(join(dir, name), 'utf8').includes(marker)), {
      timeout: 5000,
    })
    .toBe(true);
}

describe('remote diagnostics, from the console to a real kiosk runtime and back', () => {
  let server: TestServer;
  let desk: ConsoleClient;
  let kiosk: KioskRuntime;
  let kioskLog: Logger;
  let kioskId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-diagnostics-'));

  beforeAll(async () => {
    server = await startTestServer();
    kioskLog = await createLogger({ dir: logFolder(dataDir) });
    kiosk = await startKioskRuntime({
      host: 'preview',
      dataDir,
      config: loadRuntimeConfig({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: demo.enrolmentCode }),
      appName: 'diagnostics test',
      version: '1.4.2-test',
      log: kioskLog,
    });
    const link = kiosk.link;
    if (link === undefined) throw new Error('the kiosk did not enrol');
    if (!link.connected) await new Promise<void>((resolve) => link.onConnect(() => resolve()));
    kioskId = kiosk.store.config.get('kioskId') ?? '';
    desk = await signedInConsole(server.url, demo.officer);
  });
  afterAll(async () => {
    desk?.close();
    await kiosk?.close();
    await server.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('collects a bundle the server keeps and the console reads, with nothing personal or secret in it', async () => {
    // Lines such as a careless log call could write, at depths the logger's own masking misses.
    kioskLog.info(
      {
        inmateId: secrets.inmateId,
        visit: { inmate: { displayName: secrets.inmateName, credentials: { pin: secrets.pin } } },
        url: `https://visits.example/visit?code=${secrets.visitorCode}`,
        token: secrets.token,
      },
      'diagnostics test line',
    );
    await loggedLine(dataDir, 'diagnostics test line');

    const answer = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const { outcome } = answer.result;
    expect(outcome.status).toBe('collected');
    if (outcome.status !== 'collected') return;
    const { bundle } = outcome.diagnostics;
    expect(diagnosticsBundleSchema.parse(bundle)).toEqual(bundle);
    expect(bundle).toMatchObject({
      appVersion: '1.4.2-test',
      runtime: { host: 'preview', node: process.versions.node, electron: null },
      service: { state: 'in_service' },
      store: { corruptionDetected: false, diskFull: false },
      log: { unreadable: null },
    });
    expect(bundle.disk?.freeBytes).toBeGreaterThan(0);
    expect(bundle.disk?.totalBytes).toBeGreaterThanOrEqual(bundle.disk?.freeBytes ?? 0);
    const testLine = bundle.log.lines.find((line) => line.includes('diagnostics test line'));
    expect(testLine).toBeDefined();
    expect(JSON.parse(testLine ?? '{}')).toMatchObject({
      inmateId: '[personal]',
      visit: { inmate: { displayName: '[personal]', credentials: { pin: '[redacted]' } } },
      url: 'https://visits.example/visit?[redacted]',
      token: '[redacted]',
    });
    const text = JSON.stringify(outcome.diagnostics);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    const kioskToken = kiosk.store.config.get('kioskToken');
    expect(kioskToken).toBeDefined();
    expect(text).not.toContain(kioskToken);
    expect(outcome.diagnostics.sizeBytes).toBe(Buffer.byteLength(JSON.stringify(bundle)));

    const kept = await desk.rpc.request('kiosk.diagnostics', { kioskId });
    expect(kept.ok && kept.result.diagnostics).toEqual(outcome.diagnostics);

    // Both sides audit it: the server who asked and the outcome, the kiosk who it answered.
    const audit = openDatabase(server.dataDir)
      .prepare("SELECT outcome, staff_id FROM audit_log WHERE action = 'diagnostics.collect' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { outcome: 'given', staff_id: demo.officer.id },
      { outcome: 'collected', staff_id: demo.officer.id },
    ]);
    const kioskAudit = kiosk.store.audit.recent(50).filter((entry) => entry.action === 'diagnostics.collected');
    expect(kioskAudit).toHaveLength(1);
    expect(kioskAudit[0]?.actor).toBe(`staff:${demo.officer.id}`);
  });

  it(`keeps the newest ${keptBundlesPerKiosk} bundles of a kiosk`, async () => {
    for (let round = 0; round < keptBundlesPerKiosk + 2; round++) {
      const answer = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId });
      expect(answer.ok && answer.result.outcome.status).toBe('collected');
    }
    const count = openDatabase(server.dataDir)
      .prepare('SELECT count(*) AS n FROM kiosk_diagnostics WHERE kiosk_id = ?')
      .get(kioskId) as { n: number };
    expect(count.n).toBe(keptBundlesPerKiosk);
  });

  it('says failed for a kiosk whose answer is not a bundle, and offline for one not connected', async () => {
    const rogue = await connectKiosk(server.url);
    rogue.rpc.handle('diagnostics.collect', () => ({ appVersion: 'not a bundle' }) as never);
    const failed = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId: rogue.kiosk.kioskId });
    expect(failed.ok && failed.result.outcome).toEqual({ status: 'failed' });
    rogue.socket.close();
    await expect
      .poll(async () => {
        const answer = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId: rogue.kiosk.kioskId });
        return answer.ok && answer.result.outcome.status;
      })
      .toBe('offline');
    const missing = await desk.rpc.request('kiosk.collectDiagnostics', { kioskId: 'no-such-kiosk' });
    expect(missing.ok || missing.error.code).toBe('not_found');
  });
});
