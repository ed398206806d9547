import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { OutboxItem } from '../../../src/main/store/outbox';
import { OutboxDelivery } from '../../../src/main/store/outbox-delivery';
import { StoreFullError } from '../../../src/main/store/errors';
import { openDatabase } from '../../../src/main/store/open-database';
import { openStore, Store, storeFileName } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

const filler: OutboxItem = {
  type: 'audit.event',
  payload: { action: 'filler', actor: 'kiosk', at: '2026-11-22T07:00:00Z', detail: { text: 'x'.repeat(900) } },
};

/** A store whose database may not grow beyond a few pages more than it has: a full disk, in effect. */
function sizeLimitedStore(clock: FakeClock) {
  const opened = openDatabase(join(tempDir(), storeFileName), { now: clock.now, log: silentLog });
  const pages = opened.db.pragma('page_count', { simple: true }) as number;
  const limit = (extraPages: number) => opened.db.pragma(`max_page_count = ${pages + extraPages}`);
  /** No room for even one more page. */
  const freeze = () => opened.db.pragma(`max_page_count = ${opened.db.pragma('page_count', { simple: true })}`);
  limit(20);
  return { store: new Store(opened, { log: silentLog, now: clock.now }), limit, freeze };
}

function fillUntilFull(store: Store, item: OutboxItem = filler): StoreFullError {
  for (let i = 0; i < 100_000; i += 1) {
    try {
      store.outbox.enqueueMany([item, item]);
    } catch (error) {
      if (error instanceof StoreFullError) return error;
      throw error;
    }
  }
  throw new Error('the store never filled up');
}

function storageFaults(store: Store) {
  return store.outbox
    .list('pending', 10_000)
    .filter((entry) => entry.type === 'device.fault')
    .map((entry) => entry.payload as { cleared: boolean })
    .reverse();
}

describe('a full disk', () => {
  it('fails writes with StoreFullError, keeps reads working, and reports the episode once when space returns', () => {
    const clock = new FakeClock();
    const { store, limit } = sizeLimitedStore(clock);
    store.config.set({ housingUnit: 'B2' });

    const error = fillUntilFull(store);
    expect(error.message).toBe('the kiosk store cannot write: the disk is full');
    expect(error.cause).toMatchObject({ code: 'SQLITE_FULL' });
    const depth = store.outbox.status().pending;
    expect(store.health()).toMatchObject({ diskFull: true, diskFullSince: '2026-11-22T08:00:00.000Z' });

    clock.time += 60_000;
    // Still full: the next write is tried again, and refused whole; reads go on working.
    expect(() => store.outbox.enqueueMany([filler, filler])).toThrow(StoreFullError);
    expect(store.outbox.status().pending).toBe(depth);
    expect(store.config.get('housingUnit')).toBe('B2');
    expect(store.health().diskFullSince).toBe('2026-11-22T08:00:00.000Z');

    clock.time += 60_000;
    limit(1000);
    store.audit.record({ action: 'kiosk.unlocked', actor: 'kiosk' });
    expect(store.health()).toMatchObject({ diskFull: false, diskFullSince: null });
    const fault = 'disk full: writes were refused';
    expect(storageFaults(store)).toEqual([
      { device: 'storage', fault, at: '2026-11-22T08:00:00.000Z', cleared: false },
      { device: 'storage', fault, at: '2026-11-22T08:02:00.000Z', cleared: true },
    ]);

    store.outbox.enqueue('call.quality', {
      visitId: 'v-1',
      at: '2026-11-22T08:02:00Z',
      roundTripMs: 40,
      packetLossPercent: 0,
      bitrateKbps: 800,
    });
    expect(storageFaults(store)).toHaveLength(2);
  });

  it('pauses delivery when acks cannot be recorded, and resumes once they can', async () => {
    const clock = new FakeClock();
    const { store, limit, freeze } = sizeLimitedStore(clock);
    // Small records pack the pages tight, so marking them delivered needs room the database lacks.
    fillUntilFull(store, {
      type: 'device.fault',
      payload: { device: 'camera', fault: 'f', at: '2026-11-22T07:00:00Z', cleared: false },
    });
    freeze();
    const depth = store.outbox.status().pending;
    const sent: string[] = [];
    const delivery = new OutboxDelivery({
      outbox: store.outbox,
      send: async (records) => {
        sent.push(...records.map((record) => record.key));
        return records.map((record) => ({ key: record.key, status: 'stored' }));
      },
      now: clock.now,
      timer: clock,
      log: silentLog,
      random: () => 0.5,
      tuning: { batchSize: 1000 },
    });
    delivery.start();
    await clock.advance(0);
    expect(sent).toHaveLength(depth);
    expect(store.outbox.status().pending).toBe(depth);
    expect(clock.nextTimerIn()).toBe(500);

    limit(1000);
    await clock.advance(500);
    // The batch again (the server would answer "duplicate"), then the two storage faults it reported.
    expect(sent).toHaveLength(2 * depth + 2);
    expect(new Set(sent).size).toBe(depth + 2);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  const mayMount = process.platform === 'linux' && process.getuid?.() === 0 && canMountTmpfs();
  it.skipIf(!mayMount)('on a real, tiny filesystem (tmpfs, needs root) behaves the same', () => {
    const mount = mkdtempSync(join(tmpdir(), 'kiosk-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
    onTestFinished(() => {
      execFileSync('umount', ['-l', mount]);
      rmSync(mount, { recursive: true, force: true });
    });
    const clock = new FakeClock();
    const store = openStore({ dir: mount, log: silentLog, now: clock.now });
    const error = fillUntilFull(store);
    expect(error.cause).toMatchObject({ code: 'SQLITE_FULL' });
    expect(store.health().diskFull).toBe(true);
    expect(store.outbox.status().pending).toBeGreaterThan(0);

    execFileSync('mount', ['-o', 'remount,size=8m', mount]);
    clock.time += 1000;
    store.audit.record({ action: 'space.returned', actor: 'kiosk' });
    expect(store.health().diskFull).toBe(false);
    expect(storageFaults(store).map((fault) => fault.cleared)).toEqual([false, true]);
    store.close();
  });
});

function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'kiosk-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
