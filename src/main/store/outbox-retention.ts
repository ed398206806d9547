import type Database from 'better-sqlite3';
import { z } from 'zod';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * How long settled records stay after delivery, for the technician screen and support. Pending
 * records are never pruned: they are what the kiosk still owes the server.
 */
export const outboxRetentionSchema = z.strictObject({
  deliveredMaxAgeDays: z.number().positive().default(7),
  deliveredMaxCount: z.number().int().nonnegative().default(10_000),
  /** Longer than delivered ones: a rejected record is evidence of a bug someone has to look at. */
  rejectedMaxAgeDays: z.number().positive().default(90),
  rejectedMaxCount: z.number().int().nonnegative().default(10_000),
});
export type OutboxRetention = z.output<typeof outboxRetentionSchema>;
export type OutboxRetentionInput = z.input<typeof outboxRetentionSchema>;

/** Deletes settled records older than their age limit or beyond their count limit (newest kept). */
export function pruneSettled(db: Database.Database, retention: OutboxRetention, now: number): number {
  const byAge = db.prepare('DELETE FROM outbox WHERE state = ? AND settled_at < ?');
  // The seq of the oldest record still within the count; everything older goes.
  const byCount = db.prepare(
    `DELETE FROM outbox WHERE state = :state AND seq < (
       SELECT seq FROM outbox WHERE state = :state ORDER BY seq DESC LIMIT 1 OFFSET :keep - 1)`,
  );
  const byCountAll = db.prepare('DELETE FROM outbox WHERE state = ?');
  let removed = 0;
  const rules = [
    { state: 'delivered', maxAgeDays: retention.deliveredMaxAgeDays, maxCount: retention.deliveredMaxCount },
    { state: 'rejected', maxAgeDays: retention.rejectedMaxAgeDays, maxCount: retention.rejectedMaxCount },
  ];
  for (const { state, maxAgeDays, maxCount } of rules) {
    removed += byAge.run(state, now - maxAgeDays * dayMs).changes;
    removed += (maxCount === 0 ? byCountAll.run(state) : byCount.run({ state, keep: maxCount })).changes;
  }
  return removed;
}
