import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { isCorruption, isDiskFull, StoreCorruptError, StoreFullError } from './errors';
import { markCorrupt } from './quarantine';

/** A stretch of time in which writes were refused for lack of space. */
export interface DiskFullEpisode {
  since: number;
  until: number;
  refusedWrites: number;
}

export interface WriteGuardOptions {
  db: Database.Database;
  path: string;
  now: () => number;
  log: Logger;
  /**
   * Runs inside the first transaction that succeeds after a full disk, so the episode is reported
   * exactly once: together with that write, or (if it fails) not at all and again next time.
   */
  onSpaceReturned: (episode: DiskFullEpisode) => void;
}

/**
 * Every store access goes through here, so a full disk and a damaged file are met the same way
 * wherever they appear: a typed error for the caller, a note in the store's health, and a kiosk that
 * keeps running.
 */
export class WriteGuard {
  private readonly options: WriteGuardOptions;
  private fullSince: number | null = null;
  private refusedWrites = 0;
  private corrupt = false;

  constructor(options: WriteGuardOptions) {
    this.options = options;
  }

  /** Runs `work` in a transaction; inside another guarded write it joins that transaction. */
  write<T>(work: () => T): T {
    const { db, now, log, onSpaceReturned } = this.options;
    if (db.inTransaction) return work();
    let recovered = false;
    try {
      const result = db.transaction(() => {
        const value = work();
        if (this.fullSince !== null) {
          onSpaceReturned({ since: this.fullSince, until: now(), refusedWrites: this.refusedWrites });
          recovered = true;
        }
        return value;
      })();
      if (recovered) {
        log.warn({ since: this.fullSince, refusedWrites: this.refusedWrites }, 'kiosk store can write again');
        this.fullSince = null;
        this.refusedWrites = 0;
      }
      return result;
    } catch (error) {
      throw this.translate(error);
    }
  }

  read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.translate(error);
    }
  }

  diskFullSince(): number | null {
    return this.fullSince;
  }

  corruptionDetected(): boolean {
    return this.corrupt;
  }

  private translate(error: unknown): unknown {
    const { path, now, log } = this.options;
    if (isDiskFull(error)) {
      if (this.fullSince === null) {
        this.fullSince = now();
        log.error({ path }, 'kiosk store is full: writes are refused until space returns');
      }
      this.refusedWrites += 1;
      return new StoreFullError({ cause: error });
    }
    if (isCorruption(error)) {
      const detail = error instanceof Error ? error.message : String(error);
      if (!this.corrupt) {
        this.corrupt = true;
        log.error({ path, detail }, 'kiosk store is corrupt: it will be moved aside at the next start');
        try {
          markCorrupt(path, detail);
        } catch (markError) {
          log.error({ err: markError }, 'could not leave the corruption marker for the next start');
        }
      }
      return error instanceof StoreCorruptError ? error : new StoreCorruptError(detail, { cause: error });
    }
    return error;
  }
}
