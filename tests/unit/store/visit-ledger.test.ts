import { describe, expect, it } from 'vitest';
import { StoreValidationError } from '../../../src/main/store/errors';
import { openStore } from '../../../src/main/store/store';
import { silentLog, tempDir } from './helpers';

const drop = { startedAt: '2026-11-22T08:10:00Z', endedAt: '2026-11-22T08:10:20Z', cause: 'ice failed' };

describe('visit ledger', () => {
  it('saves, replaces and reads back a visit, across a restart', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    store.ledger.save({ visitId: 'v-1', connectedSeconds: 60, disconnectedSeconds: 0, drops: [], final: false });
    store.ledger.save({
      visitId: 'v-1',
      connectedSeconds: 600.5,
      disconnectedSeconds: 20,
      drops: [drop],
      final: false,
    });
    store.close();

    const reopened = openStore({ dir, log: silentLog });
    expect(reopened.ledger.get('v-1')).toEqual({
      visitId: 'v-1',
      connectedSeconds: 600.5,
      disconnectedSeconds: 20,
      drops: [drop],
      final: false,
    });
    expect(reopened.ledger.get('v-2')).toBeUndefined();
  });

  it('lists the visits whose ledger is not final', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    store.ledger.save({ visitId: 'done', connectedSeconds: 1, disconnectedSeconds: 0, drops: [], final: true });
    store.ledger.save({ visitId: 'open', connectedSeconds: 1, disconnectedSeconds: 0, drops: [], final: false });
    expect(store.ledger.unfinished().map((entry) => entry.visitId)).toEqual(['open']);
  });

  it('dates each write by the server’s clock it was given, which runs in fractions of a millisecond', () => {
    let serverMs = Date.parse('2026-11-22T08:10:00Z') + 0.375;
    const store = openStore({ dir: tempDir(), log: silentLog, now: () => 0, serverNow: () => serverMs });
    store.ledger.save({ visitId: 'v-1', connectedSeconds: 1, disconnectedSeconds: 0, drops: [], final: false });
    serverMs += 1000.5;
    store.ledger.save({ visitId: 'v-1', connectedSeconds: 2, disconnectedSeconds: 0, drops: [], final: false });
    expect(store.ledger.writtenAt('v-1')).toBe(Date.parse('2026-11-22T08:10:01Z') + 1);
    expect(store.ledger.writtenAt('v-2')).toBeUndefined();
  });

  it('refuses an invalid entry', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    expect(() =>
      store.ledger.save({ visitId: 'v', connectedSeconds: -1, disconnectedSeconds: 0, drops: [], final: false }),
    ).toThrow(StoreValidationError);
    expect(store.ledger.get('v')).toBeUndefined();
  });
});
