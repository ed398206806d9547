import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName } from '../store/database';

/**
 * Makes a stopped demo server's data folder a template for the next: its PIN hashes stay (a second
 * of scrypt that a test's server start then skips, since the seed keeps usable hashes), and its
 * visits go, so each server that starts from a copy seeds them anew around its own start.
 */
export function forgetDemoVisits(dataDir: string): void {
  const db = new Database(join(dataDir, databaseFileName), { fileMustExist: true });
  try {
    db.prepare('DELETE FROM visits').run();
  } finally {
    db.close();
  }
}
