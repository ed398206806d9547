import type Database from 'better-sqlite3';
import { StoreVersionError } from './errors';

export interface Migration {
  /** Equals its position in the list, counted from 1; stored in `PRAGMA user_version` once applied. */
  version: number;
  sql: string;
  /**
   * Set on a migration an older kiosk version cannot work with: one that drops, renames or changes
   * the meaning of a table or column, or adds a column with no default. It raises the store's floor.
   */
  breaking?: true;
}

/**
 * Forward-only: a shipped migration is never edited, a change is a new entry. Times are epoch
 * milliseconds; JSON columns hold values that were validated by the shared schemas before writing.
 *
 * The rule that lets an update roll back: migrations are additive (new tables, new columns with a
 * default, new indexes), so a kiosk version rolled back to opens and uses a store that a newer
 * version migrated, and ignores what it does not know. `schema_floor` records the lowest schema a
 * kiosk version must know to use the store; only a `breaking` migration raises it, and a version
 * below the floor refuses the store clearly (`StoreVersionError`) without touching it, so the
 * update's rollback picks the newest kept version at or above the floor (updates/rollbackTarget).
 */
const shippedMigrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE config (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- seq is the order of creation, which is the order of delivery. next_attempt_at is when
      -- delivery plans to try a record again, for people to read; the plan itself lives in memory.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        settled_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_by_state ON outbox (state, seq);

      -- Kept apart from the records so the figure survives the pruning of delivered records.
      CREATE TABLE outbox_progress (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_delivered_at INTEGER
      ) STRICT;
      INSERT INTO outbox_progress (id, last_delivered_at) VALUES (1, NULL);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL,
        outbox_key TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE visit_ledger (
        visit_id TEXT PRIMARY KEY,
        connected_seconds REAL NOT NULL,
        disconnected_seconds REAL NOT NULL,
        drops TEXT NOT NULL,
        final INTEGER NOT NULL CHECK (final IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- One row: in service, locked or out of service, as serviceStateSchema holds it. It lives here,
      -- not in the renderer or in memory, so a crash, a restart or a power cut keeps it.
      CREATE TABLE service_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Every remote command carried out, with the answer it got: written in the same transaction as
      -- the change it made, so a redelivered ID (even after a restart before the ack) gets that answer.
      CREATE TABLE staff_commands (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        answer TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT;

      -- The housing unit's offline codes as scrypt verifiers (never the codes), replaced whole on
      -- every fetch; used_at marks one used here before the server has heard of it.
      CREATE TABLE offline_code_verifiers (
        code_id TEXT PRIMARY KEY,
        verifier TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) STRICT;
    `,
  },
  {
    version: 3,
    sql: `
      -- The lowest schema version a kiosk version must know to use this store (see the rule above).
      CREATE TABLE schema_floor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        readable_from INTEGER NOT NULL
      ) STRICT;
      INSERT INTO schema_floor (id, readable_from) VALUES (1, 1);
    `,
  },
];

/**
 * Migrations past the shipped ones that only a test's build of main carries (Vite `define`, set by
 * tests/unit/updates/store-across-builds.test.ts and nowhere else), so two real builds that differ
 * in their store schema run against one database file. Every shipped build leaves it undefined.
 */
declare const __KIOSK_TEST_MIGRATIONS__: readonly Migration[] | undefined;

export const migrations: readonly Migration[] = [
  ...shippedMigrations,
  ...(typeof __KIOSK_TEST_MIGRATIONS__ === 'undefined' ? [] : __KIOSK_TEST_MIGRATIONS__),
];

export const latestSchemaVersion = migrations.length;

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * The lowest schema a kiosk version must know to use this store. A store from before the floor
 * existed (or from a newer kiosk that lost it) counts as needing its own version exactly.
 */
export function readStoreFloor(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_floor'").get();
  if (table === undefined) return readSchemaVersion(db);
  const row = db.prepare('SELECT readable_from FROM schema_floor WHERE id = 1').get() as
    { readable_from: number } | undefined;
  return row?.readable_from ?? readSchemaVersion(db);
}

/** Refuses a store this kiosk version cannot use: newer than it knows, past a breaking migration. */
export function assertSupportedVersion(db: Database.Database, supported: number = latestSchemaVersion): void {
  const found = readSchemaVersion(db);
  if (found <= supported) return;
  const floor = readStoreFloor(db);
  if (floor > supported) throw new StoreVersionError(found, supported, floor);
}

/**
 * Brings the database to the newest version in one transaction, so a crash or a failing step
 * leaves it exactly at the version it had (user_version is part of the same transaction).
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = readSchemaVersion(db);
  assertSupportedVersion(db, list.length);
  // A newer version's additive migrations already ran: nothing to do, and nothing to undo.
  if (from >= list.length) return { from, to: from };
  db.transaction(() => {
    for (const migration of list.slice(from)) {
      db.exec(migration.sql);
      if (migration.breaking === true) db.prepare('UPDATE schema_floor SET readable_from = ?').run(migration.version);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return { from, to: list.length };
}
