import type Database from 'better-sqlite3';
import { z } from 'zod';
import { visitLedgerPayloadSchema } from '../../shared/protocol/outbox';
import { StoreValidationError } from './errors';
import type { WriteGuard } from './write-guard';

/** A visit's ledger has the shape the server receives, so reporting it is a copy, not a translation. */
export type VisitLedgerEntry = z.output<typeof visitLedgerPayloadSchema>;
export type VisitLedgerInput = z.input<typeof visitLedgerPayloadSchema>;

const ledgerRowSchema = z
  .object({
    visit_id: z.string(),
    connected_seconds: z.number(),
    disconnected_seconds: z.number(),
    drops: z.string(),
    final: z.number(),
  })
  .transform((row) =>
    visitLedgerPayloadSchema.parse({
      visitId: row.visit_id,
      connectedSeconds: row.connected_seconds,
      disconnectedSeconds: row.disconnected_seconds,
      drops: JSON.parse(row.drops),
      final: row.final === 1,
    }),
  );

export interface LedgerTotals {
  visits: number;
  connectedSeconds: number;
  disconnectedSeconds: number;
  drops: number;
}

export interface VisitLedgerOptions {
  db: Database.Database;
  guard: WriteGuard;
  now: () => number;
}

/** Per-visit connected and disconnected seconds and drops, kept so a restart mid-visit loses nothing. */
export class VisitLedger {
  private readonly guard: WriteGuard;
  private readonly now: () => number;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor({ db, guard, now }: VisitLedgerOptions) {
    this.guard = guard;
    this.now = now;
    this.statements = prepareStatements(db);
  }

  /** Creates or replaces the visit's ledger. */
  save(input: VisitLedgerInput): VisitLedgerEntry {
    const parsed = visitLedgerPayloadSchema.safeParse(input);
    if (!parsed.success) throw new StoreValidationError(`visit ledger: ${parsed.error.message}`);
    const entry = parsed.data;
    // The server's clock as the kiosk keeps it runs on the monotonic clock, in fractions of a millisecond.
    const at = Math.round(this.now());
    this.guard.write(() =>
      this.statements.upsert.run(
        entry.visitId,
        entry.connectedSeconds,
        entry.disconnectedSeconds,
        JSON.stringify(entry.drops),
        entry.final ? 1 : 0,
        at,
      ),
    );
    return entry;
  }

  get(visitId: string): VisitLedgerEntry | undefined {
    const row = this.guard.read(() => this.statements.get.get(visitId));
    return row === undefined ? undefined : ledgerRowSchema.parse(row);
  }

  /** When the visit's ledger was last written, by the clock the store was given (the server's). */
  writtenAt(visitId: string): number | undefined {
    return this.guard.read(() => this.statements.writtenAt.get(visitId))?.updated_at;
  }

  /** The visits whose ledger was written since `since` (the store's clock), their seconds and drops summed. */
  since(since: number): LedgerTotals {
    const row = this.guard.read(() => this.statements.totalsSince.get(since));
    return {
      visits: row?.visits ?? 0,
      connectedSeconds: row?.connected ?? 0,
      disconnectedSeconds: row?.disconnected ?? 0,
      drops: row?.drops ?? 0,
    };
  }

  /** Visits whose ledger is not final, the last written last: the ones a restart must resume or close. */
  unfinished(): VisitLedgerEntry[] {
    return this.guard.read(() => this.statements.unfinished.all()).map((row) => ledgerRowSchema.parse(row));
  }
}

function prepareStatements(db: Database.Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO visit_ledger (visit_id, connected_seconds, disconnected_seconds, drops, final, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (visit_id) DO UPDATE SET
         connected_seconds = excluded.connected_seconds,
         disconnected_seconds = excluded.disconnected_seconds,
         drops = excluded.drops,
         final = excluded.final,
         updated_at = excluded.updated_at`,
    ),
    get: db.prepare('SELECT * FROM visit_ledger WHERE visit_id = ?'),
    writtenAt: db.prepare<[string], { updated_at: number }>('SELECT updated_at FROM visit_ledger WHERE visit_id = ?'),
    unfinished: db.prepare('SELECT * FROM visit_ledger WHERE final = 0 ORDER BY updated_at'),
    totalsSince: db.prepare<
      [number],
      { visits: number; connected: number | null; disconnected: number | null; drops: number | null }
    >(
      `SELECT count(*) AS visits, sum(connected_seconds) AS connected, sum(disconnected_seconds) AS disconnected,
              sum(json_array_length(drops)) AS drops
       FROM visit_ledger WHERE updated_at >= ?`,
    ),
  };
}
