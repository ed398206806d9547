import { describe, expect, it } from 'vitest';
import { StoreValidationError } from '../../../src/main/store/errors';
import { openStore, type StoreOptions } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

const dayMs = 24 * 60 * 60 * 1000;

function setUp(options: Partial<StoreOptions> = {}) {
  const dir = tempDir();
  const clock = new FakeClock();
  const open = () => openStore({ dir, log: silentLog, now: clock.now, ...options });
  return { dir, clock, open, store: open() };
}

const fault = (at: string) => ({ device: 'camera', fault: 'no frames', at, cleared: false }) as const;

describe('outbox', () => {
  it('commits a validated record before enqueue returns, with its delivery bookkeeping', () => {
    const { store, open, clock } = setUp();
    const record = store.outbox.enqueue('device.fault', fault('2026-11-22T07:59:00.000Z'));
    expect(record).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'device.fault',
      createdAt: '2026-11-22T08:00:00.000Z',
      payload: fault('2026-11-22T07:59:00.000Z'),
    });
    store.close();

    const reopened = open();
    expect(reopened.outbox.head(10)).toEqual([
      {
        key: record.key,
        type: 'device.fault',
        payload: record.payload,
        createdAt: clock.time,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: clock.time,
        lastError: null,
        settledAt: null,
      },
    ]);
  });

  it('stores the payload as its schema parsed it, defaults included', () => {
    const { store } = setUp();
    const record = store.outbox.enqueue('audit.event', {
      action: 'kiosk.unlocked',
      actor: 'kiosk',
      at: '2026-11-22T08:00:00Z',
    });
    expect(record.payload).toEqual({
      action: 'kiosk.unlocked',
      actor: 'kiosk',
      at: '2026-11-22T08:00:00Z',
      detail: {},
    });
  });

  it('refuses an invalid payload or an unknown type with a clear error and writes nothing', () => {
    const { store } = setUp();
    const invalid = { device: 'toaster', fault: '', at: 'yesterday', cleared: false };
    // @ts-expect-error -- the types refuse it too; the check exists for values typed at runtime
    expect(() => store.outbox.enqueue('device.fault', invalid)).toThrow(StoreValidationError);
    // @ts-expect-error -- as above
    expect(() => store.outbox.enqueue('device.fault', invalid)).toThrow(
      /invalid device\.fault payload: device: .*; fault: .*; at: /,
    );
    // @ts-expect-error -- as above
    expect(() => store.outbox.enqueue('printer.jam', {})).toThrow('outbox: unknown record type "printer.jam"');
    expect(store.outbox.status().pending).toBe(0);
  });

  it('refuses a payload too big to ever be delivered, and writes nothing of its batch', () => {
    const { store } = setUp();
    const big = Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`line${index}`, 'x'.repeat(1000)]));
    expect(() =>
      store.outbox.enqueueMany([
        { type: 'device.fault', payload: fault('2026-11-22T07:00:00Z') },
        {
          type: 'audit.event',
          payload: { action: 'log.dump', actor: 'kiosk', at: '2026-11-22T07:00:00Z', detail: big },
        },
      ]),
    ).toThrow(/outbox: audit\.event payload of \d+ bytes is over the 524288 byte limit/);
    expect(store.outbox.status().pending).toBe(0);
  });

  it('enqueues a batch all or nothing, in order, with unique keys', () => {
    const { store } = setUp();
    const good = { type: 'device.fault', payload: fault('2026-11-22T07:00:00Z') } as const;
    expect(() =>
      store.outbox.enqueueMany([
        good,
        { type: 'device.fault', payload: { ...fault('2026-11-22T07:00:00Z'), device: 'x' as 'camera' } },
      ]),
    ).toThrow(StoreValidationError);
    expect(store.outbox.status().pending).toBe(0);

    const records = store.outbox.enqueueMany(Array.from({ length: 1000 }, () => good));
    expect(new Set(records.map((record) => record.key)).size).toBe(1000);
    expect(store.outbox.head(1000).map((entry) => entry.key)).toEqual(records.map((record) => record.key));
  });

  it('reports queue depth, oldest pending record, rejected count and last delivery, across restarts', () => {
    const { store, open, clock } = setUp();
    expect(store.outbox.status()).toEqual({ pending: 0, rejected: 0, oldestPendingAt: null, lastDeliveredAt: null });
    const [first, second, third] = store.outbox.enqueueMany(
      Array.from({ length: 4 }, () => ({ type: 'device.fault', payload: fault('2026-11-22T07:00:00Z') }) as const),
    );
    clock.time += 60_000;
    store.outbox.settle({ delivered: [first!.key], rejected: [{ key: second!.key, reason: 'bad' }], retry: [] });
    store.close();

    const reopened = open();
    expect(reopened.outbox.status()).toEqual({
      pending: 2,
      rejected: 1,
      oldestPendingAt: third!.createdAt,
      lastDeliveredAt: '2026-11-22T08:01:00.000Z',
    });
    expect(reopened.outbox.list('rejected', 10)).toEqual([
      expect.objectContaining({ key: second!.key, state: 'rejected', lastError: 'bad', attempts: 1 }),
    ]);
  });

  describe('retention', () => {
    function settleAll(store: ReturnType<typeof setUp>['store'], count: number, outcome: 'delivered' | 'rejected') {
      const records = store.outbox.enqueueMany(
        Array.from(
          { length: count },
          () => ({ type: 'device.fault', payload: fault('2026-11-22T07:00:00Z') }) as const,
        ),
      );
      const keys = records.map((record) => record.key);
      store.outbox.settle(
        outcome === 'delivered'
          ? { delivered: keys, rejected: [], retry: [] }
          : { delivered: [], rejected: keys.map((key) => ({ key, reason: 'no' })), retry: [] },
      );
      return keys;
    }

    it('prunes delivered records by age and by count, newest kept, pending never', () => {
      const { store, clock } = setUp({ retention: { deliveredMaxAgeDays: 7, deliveredMaxCount: 5 } });
      const old = settleAll(store, 3, 'delivered');
      clock.time += 8 * dayMs;
      const recent = settleAll(store, 8, 'delivered');
      const pending = store.outbox.enqueue('device.fault', fault('2026-11-22T07:00:00Z'));

      expect(store.outbox.prune()).toBe(3 + 3);
      const kept = store.outbox.list('delivered', 100).map((entry) => entry.key);
      expect(kept).toEqual(recent.slice(3).reverse());
      expect(kept).not.toContain(old[0]);
      expect(store.outbox.head(10).map((entry) => entry.key)).toEqual([pending.key]);
      expect(store.outbox.status().lastDeliveredAt).toBe(new Date(clock.time).toISOString());
    });

    it('keeps rejected records longer, under their own limits', () => {
      const { store, clock } = setUp({
        retention: { deliveredMaxAgeDays: 1, rejectedMaxAgeDays: 30, rejectedMaxCount: 2 },
      });
      settleAll(store, 1, 'rejected');
      clock.time += 2 * dayMs;
      const rejected = settleAll(store, 3, 'rejected');
      expect(store.outbox.prune()).toBe(1 + 1);
      expect(store.outbox.list('rejected', 10).map((entry) => entry.key)).toEqual(rejected.slice(1).reverse());
      clock.time += 31 * dayMs;
      expect(store.outbox.prune()).toBe(2);
      expect(store.outbox.status().rejected).toBe(0);
    });

    it('with a count of zero keeps no settled records at all', () => {
      const { store } = setUp({ retention: { deliveredMaxCount: 0 } });
      settleAll(store, 4, 'delivered');
      expect(store.outbox.prune()).toBe(4);
    });
  });
});
