import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreValidationError } from '../../../src/main/store/errors';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { FakeClock, silentLog, tempDir } from './helpers';

describe('audit log', () => {
  it('writes each entry locally and queues it as an audit.event for the server, stamped by the clock', () => {
    const clock = new FakeClock();
    const store = openStore({ dir: tempDir(), log: silentLog, now: clock.now });
    const entry = store.audit.record({ action: 'kiosk.unlocked', actor: 'officer:4411', detail: { reason: 'count' } });

    expect(entry).toEqual({
      seq: 1,
      at: '2026-11-22T08:00:00.000Z',
      action: 'kiosk.unlocked',
      actor: 'officer:4411',
      detail: { reason: 'count' },
      outboxKey: expect.any(String),
    });
    expect(store.audit.recent(10)).toEqual([entry]);
    expect(store.outbox.head(10)).toEqual([
      expect.objectContaining({
        key: entry.outboxKey,
        type: 'audit.event',
        payload: {
          action: 'kiosk.unlocked',
          actor: 'officer:4411',
          at: '2026-11-22T08:00:00.000Z',
          detail: { reason: 'count' },
        },
      }),
    ]);
  });

  it('writes neither the local entry nor the outbox record when the entry is invalid', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    expect(() => store.audit.record({ action: '', actor: 'kiosk' })).toThrow(StoreValidationError);
    expect(store.audit.recent(10)).toEqual([]);
    expect(store.outbox.status().pending).toBe(0);
  });

  it('is append-only: the database itself refuses to change or delete an entry', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    store.audit.record({ action: 'visit.started', actor: 'inmate:A123' });
    const db = new Database(`${dir}/${storeFileName}`);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(
      'the audit log is append-only',
    );
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('the audit log is append-only');
    db.close();
    expect(store.audit.recent(10)).toEqual([expect.objectContaining({ actor: 'inmate:A123' })]);
  });

  it('lists the newest entries first', () => {
    const clock = new FakeClock();
    const store = openStore({ dir: tempDir(), log: silentLog, now: clock.now });
    for (const action of ['a.one', 'a.two', 'a.three']) {
      store.audit.record({ action, actor: 'kiosk' });
      clock.time += 1000;
    }
    expect(store.audit.recent(2).map((entry) => entry.action)).toEqual(['a.three', 'a.two']);
  });
});
