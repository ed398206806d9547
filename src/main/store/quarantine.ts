import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Setting a damaged database aside, never deleting it: a technician (or support) may still recover
 * records from it, and the kiosk gets a clean file to keep working with.
 */

const companions = ['-wal', '-shm'] as const;

function markerPath(databasePath: string): string {
  return `${databasePath}.corrupt-marker`;
}

/**
 * Remembers corruption met while running, for the next start: `quick_check` does not see every kind
 * of damage (an index that disagrees with its table, for one), and without the marker a kiosk could
 * restart into the same failure again and again.
 */
export function markCorrupt(databasePath: string, reason: string): void {
  writeFileSync(markerPath(databasePath), `${reason}\n`);
}

export function isMarkedCorrupt(databasePath: string): boolean {
  return existsSync(markerPath(databasePath));
}

/** Renames the file and its WAL companions under one timestamped name; returns the new path. */
export function moveAside(databasePath: string, at: number): string {
  const stamp = new Date(at).toISOString().replaceAll(':', '-');
  const movedTo = `${databasePath}.corrupt-${stamp}`;
  for (const suffix of ['', ...companions]) {
    // The companions keep SQLite's naming so the moved database still opens with its own WAL.
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, movedTo + suffix);
  }
  rmSync(markerPath(databasePath), { force: true });
  return movedTo;
}
