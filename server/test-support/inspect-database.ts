import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { databaseFileName } from '../store/database';

/**
 * What a test reads back from a server's database: each call opens its own read-only connection, so
 * it works while the server runs (WAL) and after it stopped.
 */
function readDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const ingestedRowSchema = z
  .object({ key: z.string(), type: z.string(), created_at: z.string(), payload: z.string() })
  .transform((row) => ({
    key: row.key,
    type: row.type,
    createdAt: row.created_at,
    payload: JSON.parse(row.payload) as unknown,
  }));
export type IngestedRecord = z.output<typeof ingestedRowSchema>;

/**
 * The outbox records the server stored for one kiosk, in the order it stored them. The table has no
 * column for that order, but it is a rowid table nothing deletes from, so rowid is the order of insertion.
 */
export function ingestedRecords(dataDir: string, kioskId: string): IngestedRecord[] {
  return readDatabase(dataDir, (db) =>
    db
      .prepare('SELECT key, type, created_at, payload FROM outbox_records WHERE kiosk_id = ? ORDER BY rowid')
      .all(kioskId)
      .map((row) => ingestedRowSchema.parse(row)),
  );
}

const kioskRowSchema = z
  .object({ housing_unit_id: z.string(), last_seen_at: z.number().nullable(), last_status: z.string().nullable() })
  .transform((row) => ({
    housingUnitId: row.housing_unit_id,
    lastSeenAt: row.last_seen_at,
    lastStatus: row.last_status === null ? null : (JSON.parse(row.last_status) as unknown),
  }));
export type KioskRecord = z.output<typeof kioskRowSchema>;

/** An enrolled kiosk as the server knows it, with its last heartbeat; undefined when it is unknown. */
export function kioskRecord(dataDir: string, kioskId: string): KioskRecord | undefined {
  const row = readDatabase(dataDir, (db) =>
    db.prepare('SELECT housing_unit_id, last_seen_at, last_status FROM kiosks WHERE id = ?').get(kioskId),
  );
  return row === undefined ? undefined : kioskRowSchema.parse(row);
}

/** How many kiosks have enrolled: a second enrolment shows up here. */
export function enrolledKioskCount(dataDir: string): number {
  return readDatabase(dataDir, (db) => z.number().parse(db.prepare('SELECT COUNT(*) FROM kiosks').pluck().get()));
}

/**
 * Every row of every table, as one string: equal before and after a request means the request wrote
 * nothing. One read-only connection for many looks; `close` when done.
 */
export function databaseFingerprint(
  dataDir: string,
  /** Tables a refusal writes to by design: the audit of refused staff actions, sign-in lockouts. */
  except: readonly string[] = [],
): { read(): string; close(): void } {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((table) => !except.includes(table));
  const reads = tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).raw()] as const);
  return {
    read: () => JSON.stringify(reads.map(([table, statement]) => [table, statement.all()])),
    close: () => db.close(),
  };
}

/** How many outbox records the server stored, from every kiosk. */
export function ingestedRecordCount(dataDir: string): number {
  return readDatabase(dataDir, (db) =>
    z.number().parse(db.prepare('SELECT COUNT(*) FROM outbox_records').pluck().get()),
  );
}
