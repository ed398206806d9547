import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreVersionError } from '../../../src/main/store/errors';
import {
  latestSchemaVersion,
  migrate,
  migrations,
  readStoreFloor,
  type Migration,
} from '../../../src/main/store/migrations';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { rollbackTarget } from '../../../src/main/updates/update-machine';
import { FakeClock, silentLog, tempDir } from './helpers';

/** The store as a newer kiosk version left it: this build's migrations and one more. */
function migratedByNewerBuild(next: Migration): string {
  const dir = tempDir();
  const db = new Database(join(dir, storeFileName));
  migrate(db, [...migrations, next]);
  db.close();
  return dir;
}

describe('the store across an update and its rollback', () => {
  it('is used by this version after a newer one ran an additive migration, which is not undone', () => {
    const dir = migratedByNewerBuild({
      version: latestSchemaVersion + 1,
      sql: "CREATE TABLE update_notes (id INTEGER PRIMARY KEY); ALTER TABLE config ADD COLUMN source TEXT NOT NULL DEFAULT 'kiosk'",
    });
    const store = openStore({ dir, log: silentLog, now: new FakeClock().now });
    expect(store.health().schemaVersion).toBe(latestSchemaVersion + 1);
    store.outbox.enqueue('audit.event', { action: 'kiosk.started', actor: 'kiosk', at: new Date().toISOString() });
    expect(store.outbox.status().pending).toBe(1);
    store.close();
    const db = new Database(join(dir, storeFileName), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'update_notes'").get()).toEqual({
      name: 'update_notes',
    });
    db.close();
  });

  it('is refused clearly, untouched, by this version after a newer one ran a breaking migration', () => {
    const next = latestSchemaVersion + 1;
    const dir = migratedByNewerBuild({
      version: next,
      sql: 'ALTER TABLE visit_ledger DROP COLUMN drops',
      breaking: true,
    });
    const path = join(dir, storeFileName);
    const before = readFileSync(path);
    const db = new Database(path, { readonly: true });
    expect(readStoreFloor(db)).toBe(next);
    db.close();
    const attempt = () => openStore({ dir, log: silentLog, now: new FakeClock().now });
    expect(attempt).toThrow(StoreVersionError);
    expect(attempt).toThrow(
      `schema version ${next}, but this kiosk software knows versions up to ${latestSchemaVersion}`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('has only additive shipped migrations unless one is marked breaking', () => {
    for (const migration of migrations) {
      if (migration.breaking === true) continue;
      expect(migration.sql, `migration ${migration.version}`).not.toMatch(/\bDROP\b|\bRENAME\b/i);
      expect(migration.sql, `migration ${migration.version}`).not.toMatch(
        /ADD COLUMN(?:(?!DEFAULT)[^;,])*NOT NULL(?:(?!DEFAULT)[^;,])*(?:;|$)/i,
      );
    }
  });

  it('rolls an update back to the newest kept version that can open the store', () => {
    const kept = [
      { version: '1.0.0', schemaVersion: 3 },
      { version: '1.1.0', schemaVersion: 4 },
      { version: '1.2.0', schemaVersion: 5 },
    ];
    expect(rollbackTarget(kept, '1.2.0', 1)).toBe('1.1.0');
    // 1.2.0's migration 5 was breaking: 1.1.0 would refuse the store; 1.0.0 too.
    expect(rollbackTarget(kept, '1.2.0', 5)).toBeUndefined();
    expect(rollbackTarget(kept, '1.2.0', 4)).toBe('1.1.0');
    expect(rollbackTarget(kept, '1.1.0', 3)).toBe('1.0.0');
  });
});
