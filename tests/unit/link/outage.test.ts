import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../../src/main/config/runtime-config';
import { startKioskRuntime, type KioskRuntime } from '../../../src/main/kiosk-runtime';
import { demo } from '../../../server/demo/seed';
import { ingestedRecords } from '../../../server/test-support/inspect-database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog, tempDir } from '../store/helpers';

const before = 20;
const backlog = 2000;

/**
 * The server comes back where it was: same port, same data folder. Nothing else should hold the port
 * in between, but should another process grab it, the start is tried again for a while.
 */
async function restartOnSamePort(dataDir: string, port: number): Promise<TestServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startTestServer({ dataDir, port });
    } catch (error) {
      const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
      if (!inUse || attempt === 20) throw error;
      await sleep(100);
    }
  }
}

function record(runtime: KioskRuntime, n: number): void {
  runtime.store.audit.record({ action: 'outage.test', actor: 'kiosk', detail: { n } });
}

describe('a server outage', () => {
  it('leaves the kiosk working, and its backlog arrives once each, in order, when the server returns', async () => {
    const serverDir = tempDir();
    const first = await startTestServer({ dataDir: serverDir });
    const port = Number(new URL(first.url).port);
    const runtime = await startKioskRuntime({
      host: 'preview',
      dataDir: tempDir(),
      config: loadRuntimeConfig({ KIOSK_SERVER_URL: first.url, KIOSK_ENROLMENT_CODE: demo.enrolmentCode }),
      appName: 'outage test',
      version: '0.0.0-test',
      log: silentLog,
    });
    let second: TestServer | undefined;
    try {
      const kioskId = runtime.store.config.get('kioskId');
      if (kioskId === undefined || runtime.link === undefined) throw new Error('the kiosk did not enrol');
      const link = runtime.link;
      for (let n = 1; n <= before; n += 1) record(runtime, n);
      await expect.poll(() => ingestedRecords(serverDir, kioskId).length, { timeout: 10_000 }).toBe(before);

      await first.close();
      await expect.poll(() => link.connected, { timeout: 5000 }).toBe(false);
      // Each event is its own transaction, as the kiosk records them; not one may be refused.
      let refused = 0;
      for (let n = before + 1; n <= before + backlog; n += 1) {
        try {
          record(runtime, n);
        } catch {
          refused += 1;
        }
      }
      expect(refused).toBe(0);
      expect(runtime.store.outbox.status().pending).toBe(backlog);
      expect(runtime.store.health()).toMatchObject({ diskFull: false, corruptionDetected: false });
      expect(runtime.services.kiosk.snapshot().screen).toBeDefined();

      let reconnectedAt: number | undefined;
      link.onConnect(() => (reconnectedAt ??= performance.now()));
      second = await restartOnSamePort(serverDir, port);
      const restartedAt = performance.now();
      expect(second.url).toBe(first.url);
      // socket.io's reconnection backs off to at most 10 s; delivery starts as soon as it reconnects.
      await expect.poll(() => runtime.store.outbox.status().pending, { timeout: 30_000, interval: 50 }).toBe(0);
      const deliveredAt = performance.now();

      const created = runtime.store.outbox.list('delivered', 10_000).reverse();
      const ingested = ingestedRecords(serverDir, kioskId);
      expect(created).toHaveLength(before + backlog);
      // The server stored each record once, in the order the kiosk created them.
      expect(ingested.map((entry) => entry.key)).toEqual(created.map((entry) => entry.key));
      expect(ingested.map((entry) => (entry.payload as { detail: { n: number } }).detail.n)).toEqual(
        created.map((_, index) => index + 1),
      );
      console.info(
        `outage test: ${backlog} records queued while the server was down; reconnected ` +
          `${(((reconnectedAt ?? deliveredAt) - restartedAt) / 1000).toFixed(1)} s after it restarted, backlog ` +
          `delivered ${((deliveredAt - (reconnectedAt ?? restartedAt)) / 1000).toFixed(2)} s later`,
      );
    } finally {
      await runtime.close();
      await (second ?? first).close();
    }
  }, 60_000);
});
