import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/store/store';
import { VisitSession } from '../../../src/main/visit/visit-session';
import { finishInterruptedVisits } from '../../../src/main/visit/visit-sessions';
import { harness, minute, second } from './harness';

const log = pino({ level: 'silent' });
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-visit-'));
  dirs.push(dir);
  return dir;
}

function wire(h: ReturnType<typeof harness>, store: Store): void {
  h.options.ledger = store.ledger;
  h.options.enqueue = store.outbox.enqueue.bind(store.outbox);
}

describe('a visit session on the real store', () => {
  it('survives a kiosk crash: the restarted kiosk sends what was on disk, and a rejoin goes on from it', () => {
    const dir = storeDir();
    const before = harness();
    let store = openStore({ dir, log });
    wire(before, store);
    const session = new VisitSession(before.options);
    session.start();
    session.mediaUp();
    before.time.advance(90 * second + 700);
    // The process dies: no close, no final; only what was written survives.
    store.close();

    store = openStore({ dir, log });
    const [stored] = store.ledger.unfinished();
    expect(stored).toMatchObject({ visitId: 'visit-1', final: false });
    expect(stored!.connectedSeconds).toBeGreaterThanOrEqual(89.7);
    const after = harness();
    const enqueue = store.outbox.enqueue.bind(store.outbox);
    expect(finishInterruptedVisits({ ledger: store.ledger, enqueue, serverNow: after.options.serverNow, log })).toBe(1);
    expect(store.ledger.unfinished()).toEqual([]);
    const sent = store.outbox.head(10).map((record) => record.payload);
    expect(sent).toEqual([expect.objectContaining({ connectedSeconds: 60, final: false }), { ...stored, final: true }]);

    // The person signs in again and rejoins the visit.
    wire(after, store);
    const rejoined = new VisitSession({ ...after.options, earlier: store.ledger.get('visit-1')! });
    rejoined.start();
    after.time.advance(2 * second);
    rejoined.mediaUp();
    after.time.advance(minute);
    rejoined.end('hung_up_by_inmate');
    rejoined.ended('hung_up_by_inmate');
    expect(store.ledger.get('visit-1')).toMatchObject({
      connectedSeconds: stored!.connectedSeconds + 60,
      disconnectedSeconds: 0,
      final: true,
    });
    expect(
      store.outbox
        .head(10)
        .map((record) => record.payload)
        .at(-1),
    ).toMatchObject({
      connectedSeconds: stored!.connectedSeconds + 60,
      final: true,
    });
    store.close();
  });
});
