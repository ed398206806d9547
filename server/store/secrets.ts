import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/** A server-wide random key, made once and kept, so what it signs stays valid across restarts. */
export function loadOrCreateSecret(db: Db, name: string): Buffer {
  db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)').run(name, randomBytes(32));
  const row = db.prepare('SELECT value FROM server_secrets WHERE name = ?').get(name) as { value: Buffer };
  return row.value;
}
