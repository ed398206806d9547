// A kiosk's outbox backlog delivered to the local reference server: the kiosk's store (WAL,
// synchronous=FULL), the real control channel (socket.io over loopback) and the server's SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openControlLink } from '../src/main/link/control-link';
import { resolveServerIdentity } from '../src/main/link/provisioning';
import type { Outbox, OutboxItem } from '../src/main/store/outbox';
import { OutboxDelivery, type SendOutboxBatch } from '../src/main/store/outbox-delivery';
import { openStore } from '../src/main/store/store';
import { systemTimer } from '../src/main/store/timer';
import { demo } from '../server/demo/seed';
import { startServer } from '../server/start-server';
import { ingestedRecords } from '../server/test-support/inspect-database';
import { sendOutboxOverLink } from '../src/main/link/outbox-sender';
import { linkConnected } from '../tests/unit/link/link-support';
import { round, type BenchmarkResult } from './result';

const log = pino({ level: 'silent' });
const backlog = 100_000;

/** An audit event of the usual size, numbered so no two payloads are alike. */
function auditEvent(n: number): OutboxItem {
  return {
    type: 'audit.event',
    payload: {
      action: 'visit.started',
      actor: 'inmate:A1234567',
      at: new Date(Date.UTC(2026, 10, 22, 8) + n).toISOString(),
      detail: { visitId: `visit-${n}`, housingUnit: 'B2', kioskId: 'kiosk-B2-01' },
    },
  };
}

/** Seconds from starting delivery until the whole backlog is acknowledged and settled. */
async function timeDelivery(outbox: Outbox, send: SendOutboxBatch): Promise<number> {
  let acknowledged = 0;
  let resolveDone = (): void => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const delivery = new OutboxDelivery({
    outbox,
    send: async (batch) => {
      const acks = await send(batch);
      acknowledged += acks.length;
      if (acknowledged >= backlog) resolveDone();
      return acks;
    },
    now: Date.now,
    timer: systemTimer,
    log,
  });
  const started = performance.now();
  delivery.start();
  await done;
  // Stopping awaits the last batch's settlement, so the time includes the kiosk's own bookkeeping.
  await delivery.stop();
  return (performance.now() - started) / 1000;
}

/**
 * A backlog that built up while the kiosk was offline, delivered with the kiosk's default tuning as
 * `startKioskRuntime` sets it up; the server's copy is checked before the figure counts.
 */
export async function runOutboxBacklogBenchmarks(): Promise<BenchmarkResult[]> {
  const serverDir = mkdtempSync(join(tmpdir(), 'bench-backlog-server-'));
  const kioskDir = mkdtempSync(join(tmpdir(), 'bench-backlog-kiosk-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: serverDir,
    log,
    media: { workers: 1 },
    demo: true,
  });
  const store = openStore({ dir: kioskDir, log });
  try {
    const identity = await resolveServerIdentity(
      store.config,
      { serverUrl: server.url, enrolmentCode: demo.enrolmentCode },
      log,
    );
    if (identity === undefined) throw new Error('the benchmark kiosk could not enrol');
    for (let first = 0; first < backlog; first += 1000) {
      store.outbox.enqueueMany(Array.from({ length: 1000 }, (_, i) => auditEvent(first + i)));
    }
    const link = openControlLink(identity.serverUrl, identity.token, log);
    let seconds: number;
    try {
      await linkConnected(link);
      seconds = await timeDelivery(store.outbox, sendOutboxOverLink(link));
    } finally {
      link.close();
    }

    if (store.outbox.status().pending !== 0) throw new Error('records were left pending');
    const kioskId = store.config.get('kioskId');
    if (kioskId === undefined || ingestedRecords(serverDir, kioskId).length !== backlog) {
      throw new Error('the server does not hold every record exactly once');
    }
    return [
      { name: 'outbox.backlog_100k_delivery_s', value: round(seconds, 2), unit: 's' },
      { name: 'outbox.backlog_delivery_per_s', value: Math.round(backlog / seconds), unit: 'records/s' },
    ];
  } finally {
    store.close();
    await server.close();
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(kioskDir, { recursive: true, force: true });
  }
}
