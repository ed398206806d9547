// Outbox throughput on a real database file with the store's durability settings (WAL, synchronous=FULL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BenchmarkResult } from './result';
import type { OutboxItem } from '../src/main/store/outbox';
import { openStore, type Store } from '../src/main/store/store';

const item: OutboxItem = {
  type: 'audit.event',
  payload: {
    action: 'visit.started',
    actor: 'inmate:A1234567',
    at: '2026-11-22T08:00:00.000Z',
    detail: { visitId: 'visit-0001', housingUnit: 'B2', kioskId: 'kiosk-B2-01' },
  },
};

/** Records per second over at least `minMs`, after a short warm-up. */
function rate(store: Store, recordsPerCall: number, call: () => void, minMs: number): number {
  for (let i = 0; i < 20; i += 1) call();
  let records = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    call();
    records += recordsPerCall;
    elapsed = performance.now() - started;
  }
  if (store.outbox.status().pending < records) throw new Error('benchmark records went missing');
  return Math.round((records / elapsed) * 1000);
}

export async function runOutboxBenchmarks(): Promise<BenchmarkResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-bench-'));
  try {
    const store = openStore({ dir, log: pino({ level: 'silent' }) });
    const batch = Array.from({ length: 500 }, () => item);
    const single = rate(store, 1, () => store.outbox.enqueue(item.type, item.payload), 2000);
    const batched = rate(store, batch.length, () => store.outbox.enqueueMany(batch), 2000);
    store.close();
    return [
      { name: 'outbox.enqueue_single_per_s', value: single, unit: 'records/s' },
      { name: 'outbox.enqueue_batched_per_s', value: batched, unit: 'records/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
