import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { isCorruption, isDiskFull, StoreCorruptError, StoreFullError } from './errors';
import { assertSupportedVersion, migrate } from './migrations';
import { isMarkedCorrupt, moveAside } from './quarantine';

export interface CorruptionRecovery {
  at: number;
  movedTo: string;
  reason: string;
}

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
  /** Set when this start found the old file damaged and began with a clean one. */
  recovered: CorruptionRecovery | null;
}

export interface OpenDatabaseOptions {
  now: () => number;
  log: Logger;
}

/**
 * Opens the kiosk's database, checked and migrated. A damaged file is moved aside and a clean one
 * created, once: if even the clean one fails, the fault is not in the file's contents (permissions,
 * a missing disk) and another attempt would not help, so the error is thrown.
 */
export function openDatabase(path: string, { now, log }: OpenDatabaseOptions): OpenedDatabase {
  mkdirSync(dirname(path), { recursive: true });
  let recovered = isMarkedCorrupt(path)
    ? recover(path, 'corruption was met while the kiosk was running', now, log)
    : null;
  const db = new Database(path);
  try {
    return { db, path, schemaVersion: prepare(db, path, log), recovered };
  } catch (error) {
    if (!isCorruption(error)) {
      db.close();
      throw isDiskFull(error) ? new StoreFullError({ cause: error }) : error;
    }
    // Moved while still open: closing first lets SQLite delete the WAL files, which may hold the
    // last commits someone could still recover from the moved copy.
    recovered = recover(path, error instanceof Error ? error.message : String(error), now, log);
    db.close();
  }
  const fresh = new Database(path);
  try {
    return { db: fresh, path, schemaVersion: prepare(fresh, path, log), recovered };
  } catch (error) {
    fresh.close();
    throw isDiskFull(error) ? new StoreFullError({ cause: error }) : error;
  }
}

function recover(path: string, reason: string, now: () => number, log: Logger): CorruptionRecovery {
  const at = now();
  const movedTo = moveAside(path, at);
  log.error({ path, movedTo, reason }, 'kiosk store was corrupt: moved it aside and started a clean one');
  return { at, movedTo, reason };
}

/** Sets the connection up and returns the schema version it ends at. */
function prepare(db: Database.Database, path: string, log: Logger): number {
  // Read before anything writes, so a database this version cannot use is refused without being touched.
  assertSupportedVersion(db);
  // WAL with synchronous=FULL syncs the log at every commit: once a write returns it survives a
  // power cut. (WAL with NORMAL would lose the last commits; rollback journals are slower here.)
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') log.warn({ path, mode }, 'kiosk store could not use WAL; falling back to a rollback journal');
  db.pragma('synchronous = FULL');
  // After a large backlog is checkpointed the WAL shrinks back instead of keeping its peak size.
  db.pragma('journal_size_limit = 16777216');
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new StoreCorruptError(`quick_check: ${String(check)}`);
  return migrate(db).to;
}
