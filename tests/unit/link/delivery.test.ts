import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxDelivery } from '../../../src/main/store/outbox-delivery';
import { systemTimer } from '../../../src/main/store/timer';
import { ingestedRecords } from '../../../server/test-support/inspect-database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { capturingLog, connectedKiosk } from './helpers';
import { sendOutboxOverLink } from '../../../src/main/link/outbox-sender';

describe('outbox delivery over the control channel', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('splits a backlog bigger than one socket.io message, and the channel stays up', async () => {
    const { log, messages } = capturingLog();
    const kiosk = await connectedKiosk(server.url, log);
    // 200 records of some 10 KB: 2 MB, twice what the server takes in one message.
    const text = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`part${index}`, 'x'.repeat(1000)]));
    const records = kiosk.store.outbox.enqueueMany(
      Array.from({ length: 200 }, (_, n) => ({
        type: 'audit.event' as const,
        payload: { action: 'log.excerpt', actor: 'kiosk', at: new Date().toISOString(), detail: { n, ...text } },
      })),
    );
    let batches = 0;
    const send = sendOutboxOverLink(kiosk.link);
    const delivery = new OutboxDelivery({
      outbox: kiosk.store.outbox,
      send: (batch) => {
        batches += 1;
        return send(batch);
      },
      now: Date.now,
      timer: systemTimer,
      log,
    });
    delivery.start();
    let said: string[];
    try {
      await expect.poll(() => kiosk.store.outbox.status().pending, { timeout: 10_000 }).toBe(0);
      said = messages();
    } finally {
      await delivery.stop();
      kiosk.close();
    }

    expect(batches).toBeGreaterThanOrEqual(3);
    expect(ingestedRecords(server.dataDir, kiosk.kioskId).map((record) => record.key)).toEqual(
      records.map((record) => record.key),
    );
    // Too big a message makes the server drop the connection, and the same batch would follow.
    expect(said).not.toContain('control channel lost');
    expect(said).not.toContain('outbox: delivery failed');
  });
});
