import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffMessageBoard } from '../../../src/main/kiosk/staff-message';
import { handleCommands } from '../../../src/main/link/commands';
import { OutboxDelivery } from '../../../src/main/store/outbox-delivery';
import { systemTimer } from '../../../src/main/store/timer';
import { ingestedRecords } from '../../../server/test-support/inspect-database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { connectedKiosk, type ConnectedKiosk } from './helpers';
import { sendOutboxOverLink } from '../../../src/main/link/outbox-sender';

describe('remote commands from the reference server', () => {
  let server: TestServer;
  let kiosk: ConnectedKiosk;
  let board: StaffMessageBoard;
  let stopCommands: () => void;

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectedKiosk(server.url);
    board = new StaffMessageBoard(Date.now);
    stopCommands = handleCommands(kiosk.link, { messages: board, audit: kiosk.store.audit });
  });
  afterAll(async () => {
    stopCommands();
    kiosk.close();
    await server.dispose();
  });

  it('shows a staff message, audits it and acknowledges it', async () => {
    const shown: unknown[] = [];
    const unsubscribe = board.subscribe((message) => shown.push(message));
    const id = randomUUID();
    const text = 'Count time in five minutes: please finish your call.';

    const answer = await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id,
      by: null,
      action: { type: 'show_message', text },
    });
    unsubscribe();

    expect(answer).toEqual({ ok: true, result: { id, status: 'accepted' } });
    expect(board.get()).toEqual({ id, text });
    expect(shown).toEqual([{ id, text }]);
    const [entry] = kiosk.store.audit.recent(1);
    expect(entry).toMatchObject({ action: 'command.show_message', actor: 'server', detail: { commandId: id } });
    // The audit entry is queued for the server in the same transaction.
    expect(kiosk.store.outbox.head(10).map((record) => record.key)).toContain(entry?.outboxKey);
  });

  it('replaces the message on the screen with a newer one, auditing each', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id: first,
      by: null,
      action: { type: 'show_message', text: 'Lunch at noon.' },
    });
    await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id: second,
      by: null,
      action: { type: 'show_message', text: 'Lunch at one.' },
    });

    expect(board.get()).toEqual({ id: second, text: 'Lunch at one.' });
    expect(kiosk.store.audit.recent(2).map((entry) => entry.detail['commandId'])).toEqual([second, first]);
  });

  it('delivers the command’s audit trail to the server', async () => {
    const delivery = new OutboxDelivery({
      outbox: kiosk.store.outbox,
      send: sendOutboxOverLink(kiosk.link),
      now: Date.now,
      timer: systemTimer,
      log: silentLog,
    });
    delivery.start();
    try {
      await expect.poll(() => kiosk.store.outbox.status().pending, { timeout: 5000 }).toBe(0);
    } finally {
      await delivery.stop();
    }
    const audited = kiosk.store.audit.recent(10).map((entry) => entry.outboxKey);
    const onServer = ingestedRecords(server.dataDir, kiosk.kioskId);
    expect(onServer.map((record) => record.key).sort()).toEqual([...audited].sort());
    for (const record of onServer) {
      expect(record).toMatchObject({
        type: 'audit.event',
        payload: { action: 'command.show_message', actor: 'server' },
      });
    }
  });
});
