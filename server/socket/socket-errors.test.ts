import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KioskStatus } from '../../src/shared/protocol/kiosk-status';
import { healthPath } from '../../src/shared/protocol/http';
import { demo } from '../demo/seed';
import { connectKiosk, enrol, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

// A client that speaks broken socket.io: each such connection is closed with a logged reason, and
// nobody else notices.

const lines: Array<Record<string, unknown>> = [];
const log = pino(
  { level: 'debug' },
  { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
);

const status: KioskStatus = {
  appVersion: '1.0.0',
  uptimeSeconds: 1,
  screen: 'attract',
  visitId: null,
  outboxPending: 0,
  devices: {},
  service: { state: 'in_service' },
  visitState: null,
};

/** A raw engine.io WebSocket that joins a namespace and then sends `packet` as it is. */
function sendRawPacket(url: string, namespace: string, auth: object, packet: string): Promise<void> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('0{')) socket.send(`40${namespace},${JSON.stringify(auth)}`);
      else if (text.startsWith(`40${namespace},`)) socket.send(packet);
      else if (text.startsWith(`44${namespace},`)) reject(new Error(`handshake refused: ${text}`));
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('broken socket.io packets', () => {
  let server: TestServer;
  let bystander: KioskClient;

  beforeAll(async () => {
    server = await startTestServer({ log });
    bystander = await connectKiosk(server.url);
  });
  afterAll(async () => {
    bystander.socket.close();
    await server.dispose();
  });

  it.each([
    ['/kiosk', 'an unparsable event', '42/kiosk,['],
    ['/kiosk', 'an acknowledgement that is not a list', '43/kiosk,1{}'],
    ['/media', 'an unparsable event', '42/media,{'],
  ])('on %s, %s closes that connection with a logged reason', async (namespace, _what, packet) => {
    const auth =
      namespace === '/kiosk' ? { token: (await enrol(server.url)).token } : { code: demo.visits.now.visitorCode };
    lines.length = 0;
    await sendRawPacket(server.url, namespace, auth, packet);

    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: expect.stringMatching(/^(kiosk|media) socket failed$/),
        reason: expect.any(String),
      }),
    );
    expect(bystander.socket.connected).toBe(true);
    expect(await bystander.rpc.request('kiosk.heartbeat', { status })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}${healthPath}`)).status).toBe(200);
  });
});
