import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  outboxPayloadSchemas,
  type OutboxPayload,
  type OutboxRecord,
  type OutboxRecordType,
} from '../../shared/protocol/outbox';
import { StoreValidationError } from './errors';
import { newRecordKey } from './record-key';
import {
  outboxRetentionSchema,
  pruneSettled,
  type OutboxRetention,
  type OutboxRetentionInput,
} from './outbox-retention';
import type { WriteGuard } from './write-guard';

export const outboxStateSchema = z.enum(['pending', 'delivered', 'rejected']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

const isoOf = (ms: number): string => new Date(ms).toISOString();

/**
 * The largest payload the outbox takes, as UTF-8 JSON. A record must fit one delivery message with
 * room to spare (socket.io's default cap is 1 MB; a bigger message makes the server drop the
 * connection), or it could never be delivered and everything queued behind it would wait for ever.
 * The largest payload in ordinary use, a visit ledger with the 1,000 drops its schema allows, takes
 * about 300 KB.
 */
export const maxPayloadBytes = 512 * 1024;

const outboxEntrySchema = z
  .object({
    key: z.string(),
    type: z.string(),
    payload: z.string(),
    created_at: z.number(),
    state: outboxStateSchema,
    attempts: z.number().int(),
    next_attempt_at: z.number(),
    last_error: z.string().nullable(),
    settled_at: z.number().nullable(),
  })
  .transform((row) => ({
    key: row.key,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    settledAt: row.settled_at,
  }));
/** A record as the kiosk keeps it: the wire record plus its delivery bookkeeping (times in ms). */
export type OutboxEntry = z.output<typeof outboxEntrySchema>;

export const outboxStatusSchema = z.strictObject({
  /** Queue depth: records the server has not acknowledged yet. */
  pending: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  oldestPendingAt: z.iso.datetime({ offset: true }).nullable(),
  lastDeliveredAt: z.iso.datetime({ offset: true }).nullable(),
});
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

const statusRowSchema = z.object({
  pending: z.number(),
  rejected: z.number(),
  oldest_pending_at: z.number().nullable(),
  last_delivered_at: z.number().nullable(),
});

/** One record to enqueue; the union keeps each payload tied to its type. */
export type OutboxItem = { [T in OutboxRecordType]: { type: T; payload: OutboxPayload<T> } }[OutboxRecordType];

/** What one delivery attempt settled; every change is written in one transaction. */
export interface DeliveryOutcome {
  delivered: readonly string[];
  rejected: readonly Rejection[];
  retry: readonly Retry[];
}
export interface Rejection {
  key: string;
  reason: string;
}
export interface Retry {
  key: string;
  nextAttemptAt: number;
  error: string;
}

export interface OutboxOptions {
  db: Database.Database;
  guard: WriteGuard;
  now: () => number;
  retention?: OutboxRetentionInput;
}

/**
 * The kiosk's durable queue of records for the server. A record is committed before `enqueue`
 * returns, delivered in order of creation, and kept until the server acknowledges it.
 */
export class Outbox {
  private readonly db: Database.Database;
  private readonly guard: WriteGuard;
  private readonly now: () => number;
  private readonly retention: OutboxRetention;
  private readonly listeners = new Set<() => void>();
  private readonly settledListeners = new Set<() => void>();
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor({ db, guard, now, retention }: OutboxOptions) {
    this.db = db;
    this.guard = guard;
    this.now = now;
    this.retention = outboxRetentionSchema.parse(retention ?? {});
    this.statements = prepareStatements(db);
  }

  /** Validates and commits one record; when it returns, the record survives a crash or power cut. */
  enqueue<T extends OutboxRecordType>(type: T, payload: OutboxPayload<T>): OutboxRecord {
    const [record] = this.enqueueMany([{ type, payload } as OutboxItem]);
    return record as OutboxRecord;
  }

  /** All or nothing, in one transaction: one disk sync for the whole batch. */
  enqueueMany(items: readonly OutboxItem[]): OutboxRecord[] {
    const createdAt = this.now();
    // Validated and measured before the transaction, so an invalid item means nothing of the batch was written.
    const records = items.map((item) => ({
      key: newRecordKey(createdAt),
      type: item.type,
      createdAt: isoOf(createdAt),
      payload: validPayload(item.type, item.payload),
    }));
    const payloads = records.map((record) => deliverableJson(record.type, record.payload));
    this.guard.write(() => {
      records.forEach((record, index) => {
        this.statements.insert.run(record.key, record.type, payloads[index], createdAt, createdAt);
      });
    });
    for (const listener of this.listeners) listener();
    return records;
  }

  /** Called after records are enqueued (possibly inside an enclosing transaction that may roll back). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after a delivery attempt settled records (a decommission counts them down). */
  subscribeSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** The oldest pending records, in order of creation: the next batch to deliver. */
  head(limit: number): OutboxEntry[] {
    return this.guard.read(() => this.statements.head.all(limit)).map((row) => outboxEntrySchema.parse(row));
  }

  /** The most recent records in one state, newest first: rejected ones for the technician screen. */
  list(state: OutboxState, limit: number): OutboxEntry[] {
    return this.guard.read(() => this.statements.list.all(state, limit)).map((row) => outboxEntrySchema.parse(row));
  }

  settle(outcome: DeliveryOutcome): void {
    const at = this.now();
    this.guard.write(() => {
      for (const key of outcome.delivered) this.statements.deliver.run(at, key);
      for (const { key, reason } of outcome.rejected) this.statements.reject.run(at, reason, key);
      for (const { key, nextAttemptAt, error } of outcome.retry) this.statements.retry.run(nextAttemptAt, error, key);
      if (outcome.delivered.length > 0) this.statements.progress.run(at);
    });
    for (const listener of this.settledListeners) listener();
  }

  status(): OutboxStatus {
    const row = statusRowSchema.parse(this.guard.read(() => this.statements.status.get()));
    return {
      pending: row.pending,
      rejected: row.rejected,
      oldestPendingAt: row.oldest_pending_at === null ? null : isoOf(row.oldest_pending_at),
      lastDeliveredAt: row.last_delivered_at === null ? null : isoOf(row.last_delivered_at),
    };
  }

  /** Applies the retention rule to settled records; returns how many were deleted. */
  prune(): number {
    const at = this.now();
    return this.guard.write(() => pruneSettled(this.db, this.retention, at));
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO outbox (key, type, payload, created_at, state, attempts, next_attempt_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?)`,
    ),
    head: db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`),
    list: db.prepare('SELECT * FROM outbox WHERE state = ? ORDER BY seq DESC LIMIT ?'),
    deliver: db.prepare(
      `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, settled_at = ?, last_error = NULL
       WHERE key = ? AND state = 'pending'`,
    ),
    reject: db.prepare(
      `UPDATE outbox SET state = 'rejected', attempts = attempts + 1, settled_at = ?, last_error = ?
       WHERE key = ? AND state = 'pending'`,
    ),
    retry: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
       WHERE key = ? AND state = 'pending'`,
    ),
    progress: db.prepare('UPDATE outbox_progress SET last_delivered_at = ? WHERE id = 1'),
    status: db.prepare(
      `SELECT
         (SELECT COUNT(*) FROM outbox WHERE state = 'pending') AS pending,
         (SELECT COUNT(*) FROM outbox WHERE state = 'rejected') AS rejected,
         (SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1) AS oldest_pending_at,
         (SELECT last_delivered_at FROM outbox_progress WHERE id = 1) AS last_delivered_at`,
    ),
  };
}

function validPayload(type: string, payload: unknown): unknown {
  if (!Object.hasOwn(outboxPayloadSchemas, type)) {
    throw new StoreValidationError(`outbox: unknown record type "${type.slice(0, 100)}"`);
  }
  const parsed = outboxPayloadSchemas[type as OutboxRecordType].safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    throw new StoreValidationError(`outbox: invalid ${type} payload: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function deliverableJson(type: string, payload: unknown): string {
  const json = JSON.stringify(payload);
  const bytes = Buffer.byteLength(json);
  if (bytes > maxPayloadBytes) {
    throw new StoreValidationError(
      `outbox: ${type} payload of ${bytes} bytes is over the ${maxPayloadBytes} byte limit`,
    );
  }
  return json;
}
