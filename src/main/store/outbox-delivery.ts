import { z } from 'zod';
import type { OutboxAck, OutboxRecord } from '../../shared/protocol/outbox';
import type { Logger } from '../log/logger';
import { backoffPolicySchema, fullJitterDelay } from './backoff';
import type { Outbox, OutboxEntry, Rejection } from './outbox';
import type { Timer } from './timer';

/**
 * The network side: sends one batch and resolves with the server's per-record acks (already checked
 * against `outboxDeliverResponseSchema`), or rejects when the batch did not get through.
 */
export type SendOutboxBatch = (records: OutboxRecord[]) => Promise<OutboxAck[]>;

export const deliveryTuningSchema = z.strictObject({
  /** At most what one delivery request may carry (`outboxDeliverRequestSchema`). */
  batchSize: z.number().int().min(1).max(1000).default(200),
  /**
   * At most this many bytes of records in one request. socket.io's default message cap is 1 MB and
   * a bigger message makes the server drop the connection: the same batch would fail for ever, and
   * take the control channel down each time. The oldest record always goes, even alone over the
   * budget; the outbox refuses payloads that could not fit a message (`maxPayloadBytes`).
   */
  maxBatchBytes: z
    .number()
    .int()
    .positive()
    .default(768 * 1024),
  backoff: backoffPolicySchema.prefault({}),
  /** A send that hangs counts as failed after this long, so one lost reply cannot stall the queue. */
  sendTimeoutMs: z.number().int().positive().default(30_000),
  pruneIntervalMs: z
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
});
export type DeliveryTuning = z.input<typeof deliveryTuningSchema>;

export interface OutboxDeliveryOptions {
  outbox: Outbox;
  send: SendOutboxBatch;
  now: () => number;
  timer: Timer;
  log: Logger;
  random?: () => number;
  tuning?: DeliveryTuning;
}

/**
 * Delivers the outbox to the server in batches of the oldest pending records, one batch in flight.
 *
 * - `stored` / `duplicate` settle a record as delivered; `rejected` sets it aside for good (poison)
 *   with the server's reason, and the rest of the queue goes on.
 * - A failed send, or a reply that leaves records out, pauses the queue with exponential backoff and
 *   full jitter. The unacknowledged records stay at the head and go first in the next batch, so the
 *   server receives records in order of creation.
 * - The pause is kept in memory and timed by the injected timer, not by comparing wall-clock times,
 *   so a clock that jumps cannot reorder the queue; after a restart delivery simply tries at once.
 */
export class OutboxDelivery {
  private readonly outbox: Outbox;
  private readonly send: SendOutboxBatch;
  private readonly now: () => number;
  private readonly timer: Timer;
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly tuning: z.output<typeof deliveryTuningSchema>;

  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  private wakeHandle: unknown = null;
  private running: Promise<void> | null = null;
  /** The backoff the queue is waiting out after a failure; only the timer or `kick()` ends it. */
  private pauseMs: number | null = null;
  private failureStreak = 0;
  private kickedWhileRunning = false;
  private lastPrunedAt = Number.NEGATIVE_INFINITY;

  constructor(options: OutboxDeliveryOptions) {
    this.outbox = options.outbox;
    this.send = options.send;
    this.now = options.now;
    this.timer = options.timer;
    this.log = options.log;
    this.random = options.random ?? Math.random;
    this.tuning = deliveryTuningSchema.parse(options.tuning ?? {});
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.outbox.subscribe(() => {
      if (this.pauseMs === null) this.wakeIn(0);
    });
    this.wakeIn(0);
  }

  /** Delivers now, cutting any backoff short: the link to the server has just come back. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.kickedWhileRunning = true;
      return;
    }
    this.pauseMs = null;
    this.failureStreak = 0;
    this.wakeIn(0);
  }

  /** Stops scheduling; a batch already in flight is awaited and its acks are recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearWake();
    await this.running;
  }

  private wakeIn(ms: number): void {
    if (this.stopped || this.running !== null) return;
    this.clearWake();
    this.wakeHandle = this.timer.setTimeout(() => {
      this.wakeHandle = null;
      this.pauseMs = null;
      this.running = this.run().finally(() => {
        this.running = null;
        this.afterRun();
      });
    }, ms);
  }

  private clearWake(): void {
    if (this.wakeHandle === null) return;
    this.timer.clearTimeout(this.wakeHandle);
    this.wakeHandle = null;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const batch = withinBytes(this.outbox.head(this.tuning.batchSize), this.tuning.maxBatchBytes);
        if (batch.length === 0) break;
        if (!(await this.deliver(batch))) return;
      }
      this.pruneNowAndThen();
    } catch (error) {
      // The store failed (disk full, corruption). If the server stored the batch meanwhile, no harm:
      // the next delivery of the same keys comes back as duplicates.
      this.log.error({ err: error }, 'outbox: delivery stopped by a store error');
      if (this.pauseMs === null) this.pause();
    }
  }

  /** Returns false when the queue has to pause. */
  private async deliver(batch: OutboxEntry[]): Promise<boolean> {
    let acks: OutboxAck[];
    try {
      acks = await this.sendWithTimeout(batch.map(toWireRecord));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = this.pause();
      this.log.warn({ error: message, retryAt: isoOf(retryAt) }, 'outbox: delivery failed');
      this.outbox.settle({
        delivered: [],
        rejected: [],
        retry: batch.map((entry) => ({ key: entry.key, nextAttemptAt: retryAt, error: message })),
      });
      return false;
    }
    const byKey = new Map(acks.map((ack) => [ack.key, ack]));
    const delivered: string[] = [];
    const rejected: Rejection[] = [];
    const missing: OutboxEntry[] = [];
    for (const entry of batch) {
      const ack = byKey.get(entry.key);
      if (ack === undefined) missing.push(entry);
      else if (ack.status === 'rejected') rejected.push({ key: entry.key, reason: ack.reason });
      else delivered.push(entry.key);
    }
    const retryAt = missing.length > 0 ? this.pause() : null;
    if (retryAt === null) this.failureStreak = 0;
    else
      this.log.warn({ missing: missing.length, retryAt: isoOf(retryAt) }, 'outbox: records were left unacknowledged');
    const error = 'not acknowledged by the server';
    this.outbox.settle({
      delivered,
      rejected,
      retry: retryAt === null ? [] : missing.map((entry) => ({ key: entry.key, nextAttemptAt: retryAt, error })),
    });
    for (const { key, reason } of rejected) {
      this.log.error({ key, reason }, 'outbox: the server rejected a record; it is set aside and not retried');
    }
    return missing.length === 0;
  }

  /** Returns the wall-clock time of the next try, for the records' bookkeeping. */
  private pause(): number {
    this.failureStreak += 1;
    this.pauseMs = fullJitterDelay(this.failureStreak, this.tuning.backoff, this.random);
    return this.now() + this.pauseMs;
  }

  private afterRun(): void {
    if (this.stopped) return;
    if (this.kickedWhileRunning) {
      this.kickedWhileRunning = false;
      this.kick();
    } else if (this.pauseMs !== null) {
      this.wakeIn(this.pauseMs);
    }
  }

  private pruneNowAndThen(): void {
    const now = this.now();
    if (now - this.lastPrunedAt < this.tuning.pruneIntervalMs) return;
    this.lastPrunedAt = now;
    const removed = this.outbox.prune();
    if (removed > 0) this.log.info({ removed }, 'outbox: pruned settled records');
  }

  private sendWithTimeout(records: OutboxRecord[]): Promise<OutboxAck[]> {
    return new Promise((resolve, reject) => {
      const handle = this.timer.setTimeout(
        () => reject(new Error(`no reply within ${this.tuning.sendTimeoutMs} ms`)),
        this.tuning.sendTimeoutMs,
      );
      Promise.resolve()
        .then(() => this.send(records))
        .then(resolve, reject)
        .finally(() => this.timer.clearTimeout(handle));
    });
  }
}

const isoOf = (ms: number): string => new Date(ms).toISOString();

function toWireRecord(entry: OutboxEntry): OutboxRecord {
  return { key: entry.key, type: entry.type, createdAt: isoOf(entry.createdAt), payload: entry.payload };
}

/** The oldest records whose wire form (each with its comma) fits `maxBytes`, at least one. */
function withinBytes(entries: OutboxEntry[], maxBytes: number): OutboxEntry[] {
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(toWireRecord(entry))) + 1;
    if (bytes > maxBytes && index > 0) return entries.slice(0, index);
  }
  return entries;
}
