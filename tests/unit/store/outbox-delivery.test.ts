import { describe, expect, it } from 'vitest';
import type { OutboxAck, OutboxRecord } from '../../../src/shared/protocol/outbox';
import { fullJitterDelay } from '../../../src/main/store/backoff';
import { OutboxDelivery, type DeliveryTuning, type SendOutboxBatch } from '../../../src/main/store/outbox-delivery';
import { openStore, type Store } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

/** Records are told apart by number, carried in the fault text (or an audit event's detail). */
function enqueueNumbered(store: Store, from: number, count: number): void {
  store.outbox.enqueueMany(
    Array.from({ length: count }, (_, index) => ({
      type: 'device.fault',
      payload: { device: 'camera', fault: `#${from + index}`, at: '2026-11-22T07:00:00Z', cleared: false },
    })),
  );
}

function numberOf(record: OutboxRecord): number {
  if (record.type === 'audit.event') return (record.payload as { detail: { n: number } }).detail.n;
  return Number((record.payload as { fault: string }).fault.slice(1));
}

const storeAll = async (records: OutboxRecord[]): Promise<OutboxAck[]> =>
  records.map((record) => ({ key: record.key, status: 'stored' }));

function setUp(tuning: DeliveryTuning = {}) {
  const clock = new FakeClock();
  const store = openStore({ dir: tempDir(), log: silentLog, now: clock.now });
  const batches: number[][] = [];
  let reply: SendOutboxBatch = storeAll;
  const send: SendOutboxBatch = (records) => {
    batches.push(records.map(numberOf));
    return reply(records);
  };
  const delivery = new OutboxDelivery({
    outbox: store.outbox,
    send,
    now: clock.now,
    timer: clock,
    log: silentLog,
    // The middle of every jitter range, so each wait is exactly half its ceiling.
    random: () => 0.5,
    tuning: { batchSize: 10, ...tuning },
  });
  return {
    clock,
    store,
    delivery,
    batches,
    replyWith: (next: SendOutboxBatch) => {
      reply = next;
    },
  };
}

describe('outbox delivery', () => {
  it('delivers oldest first in batches of at most the batch size; stored and duplicate both settle', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp();
    enqueueNumbered(store, 1, 25);
    replyWith(async (records) =>
      records.map((record) => ({ key: record.key, status: numberOf(record) % 2 === 0 ? 'duplicate' : 'stored' })),
    );
    delivery.start();
    await clock.advance(0);

    expect(batches).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      [21, 22, 23, 24, 25],
    ]);
    expect(store.outbox.status()).toEqual({
      pending: 0,
      rejected: 0,
      oldestPendingAt: null,
      lastDeliveredAt: '2026-11-22T08:00:00.000Z',
    });
    expect(store.outbox.list('delivered', 1)[0]).toMatchObject({ attempts: 1, lastError: null });
    await delivery.stop();
  });

  it('wakes up for records enqueued while it is idle', async () => {
    const { clock, store, delivery, batches } = setUp();
    delivery.start();
    await clock.advance(0);
    expect(batches).toEqual([]);
    enqueueNumbered(store, 1, 2);
    await clock.advance(0);
    expect(batches).toEqual([[1, 2]]);
    await delivery.stop();
  });

  it('sets a rejected record aside with its reason, never sends it again, and goes on with the rest', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({ batchSize: 3 });
    enqueueNumbered(store, 1, 5);
    replyWith(async (records) =>
      records.map((record): OutboxAck =>
        numberOf(record) === 2
          ? { key: record.key, status: 'rejected', reason: 'payload fails the server schema' }
          : { key: record.key, status: 'stored' },
      ),
    );
    delivery.start();
    await clock.advance(0);
    delivery.kick();
    await clock.advance(60 * 60_000);

    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(store.outbox.status()).toMatchObject({ pending: 0, rejected: 1 });
    expect(store.outbox.list('rejected', 10)).toEqual([
      expect.objectContaining({ state: 'rejected', lastError: 'payload fails the server schema', attempts: 1 }),
    ]);
    await delivery.stop();
  });

  it('keeps a record a partial reply left out at the head, and retries it first after a backoff', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({ batchSize: 2 });
    enqueueNumbered(store, 1, 4);
    replyWith(async (records) =>
      records.filter((record) => numberOf(record) !== 2).map((record) => ({ key: record.key, status: 'stored' })),
    );
    delivery.start();
    await clock.advance(0);
    expect(batches).toEqual([[1, 2]]);
    expect(store.outbox.list('pending', 10).reverse()).toEqual([
      expect.objectContaining({
        attempts: 1,
        lastError: 'not acknowledged by the server',
        nextAttemptAt: clock.time + 500,
      }),
      expect.objectContaining({ attempts: 0 }),
      expect.objectContaining({ attempts: 0 }),
    ]);

    replyWith(storeAll);
    // The first failure waits half of the 1 s ceiling.
    await clock.advance(499);
    expect(batches).toHaveLength(1);
    await clock.advance(1);
    expect(batches).toEqual([[1, 2], [2, 3], [4]]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('after a failed send pauses the queue with doubling waits up to the cap, then resumes in order', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({
      batchSize: 3,
      backoff: { baseMs: 1000, capMs: 20_000 },
    });
    enqueueNumbered(store, 1, 4);
    replyWith(async () => {
      throw new Error('server unreachable');
    });
    delivery.start();
    await clock.advance(0);

    const waits: number[] = [];
    for (let failure = 1; failure <= 7; failure += 1) {
      const wait = clock.nextTimerIn()!;
      waits.push(wait);
      if (failure === 3) enqueueNumbered(store, 5, 1);
      await clock.advance(wait);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    // Every try sent the same head of the queue; newer records did not overtake it.
    expect(batches).toEqual(Array.from({ length: 8 }, () => [1, 2, 3]));
    expect(store.outbox.list('pending', 10).reverse()).toEqual([
      ...Array.from({ length: 3 }, () => expect.objectContaining({ attempts: 8, lastError: 'server unreachable' })),
      expect.objectContaining({ attempts: 0, lastError: null }),
      expect.objectContaining({ attempts: 0, lastError: null }),
    ]);

    replyWith(storeAll);
    await clock.advance(clock.nextTimerIn()!);
    expect(batches.slice(8)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('ignores acks for keys it did not send and retries the records left unacknowledged', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp();
    enqueueNumbered(store, 1, 2);
    replyWith(async () => [{ key: 'not-one-of-ours', status: 'stored' }]);
    delivery.start();
    await clock.advance(0);
    expect(clock.nextTimerIn()).toBe(500);
    expect(store.outbox.status().pending).toBe(2);
    replyWith(storeAll);
    await clock.advance(500);
    expect(batches).toEqual([
      [1, 2],
      [1, 2],
    ]);
    await delivery.stop();
  });

  it('kick() delivers at once, ignoring the backoff (the link just came back)', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({ backoff: { baseMs: 60_000 } });
    enqueueNumbered(store, 1, 1);
    replyWith(async () => {
      throw new Error('offline');
    });
    delivery.start();
    await clock.advance(0);
    expect(clock.nextTimerIn()).toBe(30_000);

    replyWith(storeAll);
    delivery.kick();
    await clock.advance(0);
    expect(batches).toEqual([[1], [1]]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('a kick that arrives while a send is in flight is honoured when the send fails', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp();
    enqueueNumbered(store, 1, 1);
    let fail: (error: Error) => void = () => {};
    replyWith(() => new Promise((_, reject) => (fail = reject)));
    delivery.start();
    await clock.advance(0);
    delivery.kick();
    replyWith(storeAll);
    fail(new Error('link dropped'));
    await clock.advance(0);
    expect(batches).toEqual([[1], [1]]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('gives up on a send that never replies and tries again after the backoff', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({ sendTimeoutMs: 10_000 });
    enqueueNumbered(store, 1, 1);
    replyWith(() => new Promise(() => {}));
    delivery.start();
    await clock.advance(10_000);
    expect(store.outbox.list('pending', 1)[0]).toMatchObject({ attempts: 1, lastError: 'no reply within 10000 ms' });
    replyWith(storeAll);
    await clock.advance(500);
    expect(batches).toEqual([[1], [1]]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('keeps a batch within its byte budget, oldest first, sending a record over it alone', async () => {
    const { clock, store, delivery, batches } = setUp({ maxBatchBytes: 1000 });
    // Each some 290 bytes on the wire: three fit the budget, a fourth would not.
    const padded = (from: number, count: number) =>
      store.outbox.enqueueMany(
        Array.from({ length: count }, (_, index) => ({
          type: 'device.fault',
          payload: {
            device: 'camera',
            fault: `#${from + index}`.padEnd(100),
            at: '2026-11-22T07:00:00Z',
            cleared: false,
          },
        })),
      );
    padded(1, 4);
    // Over the budget on its own: it still goes, alone, rather than hold up the queue.
    store.outbox.enqueue('audit.event', {
      action: 'log.excerpt',
      actor: 'kiosk',
      at: '2026-11-22T07:00:00Z',
      detail: { n: 5, text: 'x'.repeat(1000) },
    });
    padded(6, 2);
    delivery.start();
    await clock.advance(0);

    expect(batches).toEqual([[1, 2, 3], [4], [5], [6, 7]]);
    expect(store.outbox.status().pending).toBe(0);
    await delivery.stop();
  });

  it('stop() waits for the batch in flight, records its acks, and sends nothing more', async () => {
    const { clock, store, delivery, batches, replyWith } = setUp({ batchSize: 1 });
    enqueueNumbered(store, 1, 3);
    let answer: () => void = () => {};
    replyWith(
      (records) =>
        new Promise((resolve) => (answer = () => resolve(records.map((r) => ({ key: r.key, status: 'stored' }))))),
    );
    delivery.start();
    await clock.advance(0);
    let stopped = false;
    const stopping = delivery.stop().then(() => (stopped = true));
    await clock.advance(0);
    expect(stopped).toBe(false);
    answer();
    await stopping;
    enqueueNumbered(store, 4, 1);
    delivery.kick();
    await clock.advance(60_000);
    expect(batches).toEqual([[1]]);
    expect(store.outbox.status().pending).toBe(3);
    expect(clock.nextTimerIn()).toBeUndefined();
  });

  it('prunes settled records after delivering, at most once per interval', async () => {
    const clock = new FakeClock();
    // Retention keeps no delivered records, so every prune shows.
    const store = openStore({ dir: tempDir(), log: silentLog, now: clock.now, retention: { deliveredMaxCount: 0 } });
    const delivery = new OutboxDelivery({
      outbox: store.outbox,
      send: storeAll,
      now: clock.now,
      timer: clock,
      log: silentLog,
      tuning: { pruneIntervalMs: 60_000 },
    });
    enqueueNumbered(store, 1, 3);
    delivery.start();
    await clock.advance(0);
    expect(store.outbox.list('delivered', 10)).toEqual([]);
    enqueueNumbered(store, 4, 2);
    await clock.advance(0);
    expect(store.outbox.list('delivered', 10)).toHaveLength(2);
    await clock.advance(60_000);
    enqueueNumbered(store, 6, 1);
    await clock.advance(0);
    expect(store.outbox.list('delivered', 10)).toEqual([]);
    expect(store.outbox.status()).toMatchObject({ pending: 0, lastDeliveredAt: '2026-11-22T08:01:00.000Z' });
    await delivery.stop();
  });
});

describe('full-jitter backoff', () => {
  const policy = { baseMs: 1000, capMs: 300_000 };

  it('draws a wait below a ceiling that doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 9, 10, 40].map((attempt) => fullJitterDelay(attempt, policy, () => 0.999999))).toEqual([
      999, 1999, 3999, 7999, 255_999, 299_999, 299_999,
    ]);
    expect(fullJitterDelay(5, policy, () => 0)).toBe(0);
  });

  it('spreads waits over the whole range', () => {
    const waits = Array.from({ length: 2000 }, () => fullJitterDelay(4, policy, Math.random));
    expect(Math.min(...waits)).toBeLessThan(800);
    expect(Math.max(...waits)).toBeGreaterThan(7200);
    expect(waits.every((wait) => wait >= 0 && wait < 8000)).toBe(true);
  });
});
