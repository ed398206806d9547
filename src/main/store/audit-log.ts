import type Database from 'better-sqlite3';
import { z } from 'zod';
import { auditEventPayloadSchema } from '../../shared/protocol/outbox';
import type { Outbox } from './outbox';
import type { WriteGuard } from './write-guard';

/** What a caller records; the store's clock stamps the time. */
export const auditEntrySchema = auditEventPayloadSchema.omit({ at: true });
export type AuditEntry = z.input<typeof auditEntrySchema>;

const auditRecordSchema = z
  .object({
    seq: z.number().int(),
    at: z.number(),
    action: z.string(),
    actor: z.string(),
    detail: z.string(),
    outbox_key: z.string(),
  })
  .transform((row) => ({
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: row.actor,
    detail: auditEventPayloadSchema.shape.detail.parse(JSON.parse(row.detail)),
    outboxKey: row.outbox_key,
  }));
export type AuditRecord = z.output<typeof auditRecordSchema>;

export interface AuditLogOptions {
  db: Database.Database;
  guard: WriteGuard;
  outbox: Outbox;
  now: () => number;
}

/**
 * The kiosk's own audit trail, append-only (triggers refuse updates and deletes). Each entry is
 * written here and queued for the server in the same transaction: both or neither.
 */
export class AuditLog {
  private readonly guard: WriteGuard;
  private readonly outbox: Outbox;
  private readonly now: () => number;
  private readonly insert: Database.Statement;
  private readonly recentRows: Database.Statement;

  constructor({ db, guard, outbox, now }: AuditLogOptions) {
    this.guard = guard;
    this.outbox = outbox;
    this.now = now;
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, action, actor, detail, outbox_key) VALUES (?, ?, ?, ?, ?) RETURNING *',
    );
    this.recentRows = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  }

  record(entry: AuditEntry): AuditRecord {
    const at = this.now();
    return this.guard.write(() => {
      // The outbox validates the payload; the local row copies what it accepted.
      const queued = this.outbox.enqueue('audit.event', { ...entry, at: new Date(at).toISOString() });
      const payload = auditEventPayloadSchema.parse(queued.payload);
      return auditRecordSchema.parse(
        this.insert.get(at, payload.action, payload.actor, JSON.stringify(payload.detail), queued.key),
      );
    });
  }

  /** Newest first, for the technician screen. */
  recent(limit: number): AuditRecord[] {
    return this.guard.read(() => this.recentRows.all(limit)).map((row) => auditRecordSchema.parse(row));
  }
}
