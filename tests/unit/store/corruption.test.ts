import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../../src/main/store/errors';
import { latestSchemaVersion } from '../../../src/main/store/migrations';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

const movedName = 'kiosk.db.corrupt-2026-11-22T08-00-00.000Z';

function fillStore(dir: string, records: number): void {
  const store = openStore({ dir, log: silentLog });
  const payload = { action: 'filler', actor: 'kiosk', at: '2026-11-22T07:00:00Z', detail: { text: 'x'.repeat(200) } };
  for (let i = 0; i < records; i += 500) {
    store.outbox.enqueueMany(Array.from({ length: 500 }, () => ({ type: 'audit.event', payload }) as const));
  }
  store.close();
}

/** Overwrites whole pages in the middle of the file, leaving the header page intact. */
function damagePages(path: string, fromPage: number, pages: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, randomBytes(4096 * pages), 0, 4096 * pages, 4096 * fromPage);
  closeSync(fd);
}

describe('a corrupt database', () => {
  it('of garbage bytes is moved aside with its WAL files, and the kiosk starts clean and says so', () => {
    const dir = tempDir();
    const path = join(dir, storeFileName);
    const garbage = randomBytes(64 * 1024);
    writeFileSync(path, garbage);
    const wal = randomBytes(1000);
    writeFileSync(`${path}-wal`, wal);
    writeFileSync(`${path}-shm`, randomBytes(1000));
    const clock = new FakeClock();

    const store = openStore({ dir, log: silentLog, now: clock.now });
    const health = store.health();
    expect(health).toEqual({
      path,
      schemaVersion: latestSchemaVersion,
      recoveredFromCorruption: {
        at: '2026-11-22T08:00:00.000Z',
        movedTo: join(dir, movedName),
        reason: 'file is not a database',
      },
      corruptionDetected: false,
      diskFull: false,
      diskFullSince: null,
    });
    expect(readFileSync(join(dir, movedName)).equals(garbage)).toBe(true);
    expect(readFileSync(join(dir, `${movedName}-wal`)).equals(wal)).toBe(true);
    expect(existsSync(join(dir, `${movedName}-shm`))).toBe(true);

    // Reported to the technician screen (health) and to the server (audit event in the outbox).
    expect(store.audit.recent(1)).toEqual([
      expect.objectContaining({
        action: 'store.recoveredFromCorruption',
        detail: { movedTo: join(dir, movedName), reason: 'file is not a database' },
      }),
    ]);
    expect(store.outbox.status().pending).toBe(1);
    store.config.set({ housingUnit: 'B2' });
    store.close();

    // The next start is an ordinary one: nothing more is moved.
    const again = openStore({ dir, log: silentLog, now: () => clock.time + 60_000 });
    expect(again.health().recoveredFromCorruption).toBeNull();
    expect(again.config.get('housingUnit')).toBe('B2');
    expect(
      readdirSync(dir)
        .filter((name) => name.includes('corrupt'))
        .sort(),
    ).toEqual([movedName, `${movedName}-shm`, `${movedName}-wal`]);
  });

  it('with damaged pages behind a valid header fails the quick check and is moved aside', () => {
    const dir = tempDir();
    fillStore(dir, 2000);
    const path = join(dir, storeFileName);
    damagePages(path, 20, 30);

    const store = openStore({ dir, log: silentLog, now: new FakeClock().now });
    expect(store.health().recoveredFromCorruption).toMatchObject({ movedTo: join(dir, movedName) });
    expect(store.outbox.status().pending).toBe(1);
    const moved = new Database(join(dir, movedName), { readonly: true });
    expect(moved.pragma('quick_check', { simple: true })).not.toBe('ok');
    moved.close();
  });

  it('met while running fails the operation with a typed error and is moved aside at the next start', () => {
    const dir = tempDir();
    fillStore(dir, 20_000);
    const path = join(dir, storeFileName);
    const clock = new FakeClock();
    const store = openStore({ dir, log: silentLog, now: clock.now });
    expect(store.health().corruptionDetected).toBe(false);

    const pageCount = new Database(path, { readonly: true }).pragma('page_count', { simple: true }) as number;
    damagePages(path, Math.floor(pageCount / 2), 50);
    // A commit from another connection makes the store drop its page cache and read the file again.
    const other = new Database(path);
    other.prepare("INSERT INTO config (key, value, updated_at) VALUES ('x', '1', 0)").run();
    other.close();

    expect(() => store.outbox.status()).toThrow(StoreCorruptError);
    expect(store.health().corruptionDetected).toBe(true);
    store.close();

    clock.time += 60_000;
    const restarted = openStore({ dir, log: silentLog, now: clock.now });
    expect(restarted.health().recoveredFromCorruption).toMatchObject({
      at: '2026-11-22T08:01:00.000Z',
      reason: 'corruption was met while the kiosk was running',
    });
    expect(restarted.health().corruptionDetected).toBe(false);
    expect(restarted.outbox.status().pending).toBe(1);
  });
});
