import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreVersionError } from '../../../src/main/store/errors';
import { latestSchemaVersion, migrate, migrations, type Migration } from '../../../src/main/store/migrations';
import { openDatabase } from '../../../src/main/store/open-database';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

function schemaOf(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
}

function freshDatabase(): Database.Database {
  return new Database(join(tempDir(), 'test.db'));
}

describe('migrations', () => {
  it('are numbered 1, 2, 3, … in order, so user_version is the count applied', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(latestSchemaVersion).toBe(migrations.length);
  });

  it.each(Array.from({ length: latestSchemaVersion }, (_, version) => version))(
    'bring a database at version %i to the same schema as a new one',
    (version) => {
      const reference = freshDatabase();
      migrate(reference);
      const db = freshDatabase();
      migrate(db, migrations.slice(0, version));
      expect(db.pragma('user_version', { simple: true })).toBe(version);

      expect(migrate(db)).toEqual({ from: version, to: latestSchemaVersion });
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(schemaOf(db)).toEqual(schemaOf(reference));
    },
  );

  describe('the runner', () => {
    const steps: Migration[] = [
      { version: 1, sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)' },
      { version: 2, sql: "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'kiosk'" },
      { version: 3, sql: 'CREATE INDEX notes_by_author ON notes (author)' },
    ];

    it('applies only the missing steps and keeps the data written at every earlier version', () => {
      for (let from = 1; from < steps.length; from += 1) {
        const db = freshDatabase();
        migrate(db, steps.slice(0, from));
        db.prepare('INSERT INTO notes (text) VALUES (?)').run(`written at version ${from}`);
        expect(migrate(db, steps)).toEqual({ from, to: steps.length });
        expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([
          { text: `written at version ${from}`, author: 'kiosk' },
        ]);
      }
    });

    it('rolls a failing run back to the version it started from, data untouched', () => {
      const db = freshDatabase();
      migrate(db, steps.slice(0, 1));
      db.prepare('INSERT INTO notes (text) VALUES (?)').run('kept');
      const broken = [...steps.slice(0, 2), { version: 3, sql: 'CREATE INDEX broken ON no_such_table (x)' }];
      expect(() => migrate(db, broken)).toThrow(/no such table/);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT * FROM notes').all()).toEqual([{ id: 1, text: 'kept' }]);
    });
  });

  it('refuses a database from a newer kiosk with a clear message and leaves the file as it was', () => {
    const dir = tempDir();
    const path = join(dir, storeFileName);
    const newer = new Database(path);
    newer.pragma('journal_mode = WAL');
    newer.exec('CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES (1)');
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`);
    newer.close();
    const before = readFileSync(path);

    const attempt = () => openStore({ dir, log: silentLog, now: new FakeClock().now });
    expect(attempt).toThrow(StoreVersionError);
    expect(attempt).toThrow(
      `the kiosk store has schema version ${latestSchemaVersion + 1}, but this kiosk software knows versions up to ${latestSchemaVersion}`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('opens the database in WAL mode with synchronous=FULL, migrated', () => {
    const path = join(tempDir(), storeFileName);
    const { db, schemaVersion } = openDatabase(path, { now: Date.now, log: silentLog });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion).toBe(latestSchemaVersion);
    expect(existsSync(`${path}-wal`)).toBe(true);
    db.close();
  });
});
