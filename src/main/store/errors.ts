/**
 * The store's failures as types a caller can act on: a full disk is waited out, corruption is
 * recovered from at the next start, a newer database is left alone, and invalid input is a bug.
 */

/** The disk (or the database's size limit) is full. Nothing was written; reads still work. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  constructor(options?: ErrorOptions) {
    super('the kiosk store cannot write: the disk is full', options);
  }
}

/** The database file is damaged. The next start moves it aside and starts clean. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(detail: string, options?: ErrorOptions) {
    super(`the kiosk store is corrupt: ${detail}`, options);
  }
}

/** The database was written by a newer kiosk version; it is refused rather than damaged. */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
  readonly found: number;
  readonly supported: number;
  /** The lowest schema a kiosk version must know to use the store (migrations.ts). */
  readonly floor: number;
  constructor(found: number, supported: number, floor: number = found) {
    super(
      `the kiosk store has schema version ${found}, but this kiosk software knows versions up to ${supported} ` +
        `and the store needs one that knows version ${floor}; ` +
        'install the newer kiosk software or move the database aside (it was left unchanged)',
    );
    this.found = found;
    this.supported = supported;
    this.floor = floor;
  }
}

/** A value the store refused to write because it does not match its schema; nothing was written. */
export class StoreValidationError extends Error {
  override readonly name = 'StoreValidationError';
}

/** better-sqlite3 reports SQLite's (extended) result code as `code`, e.g. `SQLITE_CORRUPT_INDEX`. */
export function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' && error.code.startsWith('SQLITE_') ? error.code : undefined;
}

export function isCorruption(error: unknown): boolean {
  if (error instanceof StoreCorruptError) return true;
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function isDiskFull(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_FULL';
}
