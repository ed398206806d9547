import { readStoreFloor } from './migrations';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { AuditLog } from './audit-log';
import { ConfigStore, type ConfigKey } from './config-store';
import type { StoreHealth } from '../../shared/protocol/store-health';
import { openDatabase, type CorruptionRecovery, type OpenedDatabase } from './open-database';
import { Outbox } from './outbox';
import { StaffStore } from './staff-store';
import type { OutboxRetentionInput } from './outbox-retention';
import { VisitLedger } from './visit-ledger';
import { WriteGuard, type DiskFullEpisode } from './write-guard';

export const storeFileName = 'kiosk.db';

export interface StoreOptions {
  log: Logger;
  now?: () => number;
  /**
   * The server's clock (`ServerClock.now`), which dates the visit ledger's writes: a restarted kiosk
   * tells how long its ledger stood still by the server's time, whatever its own clock says.
   */
  serverNow?: () => number;
  retention?: OutboxRetentionInput;
}

export interface OpenStoreOptions extends StoreOptions {
  /** The app's data folder. */
  dir: string;
}

/**
 * Opens the kiosk's store in its data folder. Throws `StoreVersionError` for a database from a newer
 * kiosk, and any error that a clean database file would not fix (an unwritable folder, say).
 */
export function openStore({ dir, ...options }: OpenStoreOptions): Store {
  const now = options.now ?? Date.now;
  return new Store(openDatabase(join(dir, storeFileName), { now, log: options.log }), options);
}

/** The kiosk's durable local state: configuration, outbox, audit log and visit ledger in one file. */
export class Store {
  readonly config: ConfigStore;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly ledger: VisitLedger;
  readonly staff: StaffStore;
  private readonly db: Database.Database;
  private readonly path: string;
  private readonly schemaVersion: number;
  /** The lowest schema a kiosk version must know to open this store (migrations.ts). */
  readonly schemaFloor: number;
  private readonly recovered: CorruptionRecovery | null;
  private readonly guard: WriteGuard;

  constructor(opened: OpenedDatabase, { log, now = Date.now, serverNow = now, retention }: StoreOptions) {
    const { db, path } = opened;
    this.db = db;
    this.path = path;
    this.schemaVersion = opened.schemaVersion;
    this.schemaFloor = readStoreFloor(db);
    this.recovered = opened.recovered;
    this.guard = new WriteGuard({
      db,
      path,
      now,
      log,
      onSpaceReturned: (episode) => this.reportDiskFull(episode),
    });
    this.outbox = new Outbox({ db, guard: this.guard, now, retention });
    this.audit = new AuditLog({ db, guard: this.guard, outbox: this.outbox, now });
    this.config = new ConfigStore({ db, guard: this.guard, now, log });
    this.ledger = new VisitLedger({ db, guard: this.guard, now: serverNow });
    this.staff = new StaffStore({ db, guard: this.guard, now });
    if (this.recovered !== null) this.reportRecovery(this.recovered, log);
  }

  health(): StoreHealth {
    const fullSince = this.guard.diskFullSince();
    return {
      path: this.path,
      schemaVersion: this.schemaVersion,
      recoveredFromCorruption:
        this.recovered === null
          ? null
          : {
              at: new Date(this.recovered.at).toISOString(),
              movedTo: this.recovered.movedTo,
              reason: this.recovered.reason,
            },
      corruptionDetected: this.guard.corruptionDetected(),
      diskFull: fullSince !== null,
      diskFullSince: fullSince === null ? null : new Date(fullSince).toISOString(),
    };
  }

  /** Runs `work` as one transaction: every store write inside it joins, so all of it is kept or none. */
  atomically<T>(work: () => T): T {
    return this.guard.write(work);
  }

  /**
   * A decommission's wipe: every row of every table goes, but for the `keep` configuration keys,
   * in one transaction. Then the file is rebuilt and the write-ahead log emptied, so what was
   * deleted is not left in free pages either. Stop delivery first.
   */
  wipe(keep: readonly ConfigKey[]): void {
    const tables = this.guard.read(() =>
      this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all(),
    ) as string[];
    // The audit log's triggers keep it append-only; its entries reached the server through the
    // drained outbox (or the server heard how many were lost), and the triggers come back at once.
    const triggers = this.guard.read(() =>
      this.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all(),
    ) as Array<{ name: string; sql: string }>;
    this.guard.write(() => {
      for (const { name } of triggers) this.db.exec(`DROP TRIGGER "${name}"`);
      for (const table of tables) {
        if (table === 'config') {
          this.db
            .prepare(`DELETE FROM config WHERE key NOT IN (SELECT value FROM json_each(?))`)
            .run(JSON.stringify(keep));
        } else {
          this.db.prepare(`DELETE FROM "${table}"`).run();
        }
      }
      for (const { sql } of triggers) this.db.exec(sql);
    });
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Stop delivery (`OutboxDelivery.stop()`) first; closing checkpoints the WAL into the file. */
  close(): void {
    this.db.close();
  }

  /** Health shows the recovery in any case; failing to tell the server too must not stop the kiosk. */
  private reportRecovery({ movedTo, reason }: CorruptionRecovery, log: Logger): void {
    try {
      this.audit.record({
        action: 'store.recoveredFromCorruption',
        actor: 'kiosk',
        detail: { movedTo, reason: reason.slice(0, 1000) },
      });
    } catch (error) {
      log.error({ err: error }, 'could not record the recovery from a corrupt store');
    }
  }

  /** The server hears of the episode as a storage fault that began and cleared. */
  private reportDiskFull({ since, until }: DiskFullEpisode): void {
    const fault = 'disk full: writes were refused';
    this.outbox.enqueueMany([
      {
        type: 'device.fault',
        payload: { device: 'storage', fault, at: new Date(since).toISOString(), cleared: false },
      },
      { type: 'device.fault', payload: { device: 'storage', fault, at: new Date(until).toISOString(), cleared: true } },
    ]);
  }
}
