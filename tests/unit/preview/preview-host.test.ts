import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startPreviewHost, type PreviewHost } from '../../../src/main/preview/preview-host';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { firstSnapshotElementId } from '../../../src/shared/contract/first-snapshot';
import { kioskSnapshotSchema } from '../../../src/shared/contract/kiosk';
import { scratchStore } from '../store/helpers';
import { sendRaw } from '../../support/raw-http';

const lines: Array<Record<string, unknown>> = [];
const log = pino(
  { level: 'debug' },
  { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
);

let host: PreviewHost;
let services: MainServices;
beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>kiosk</title></head></html>');
  services = createMainServices({ host: 'preview', appName: 'Kiosk', version: '1.0.0', log, store: scratchStore() });
  host = await startPreviewHost({
    services,
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    serverUrl: () => undefined,
    log,
  });
});
afterAll(() => host.close());

function openSocket(): Promise<WebSocket> {
  const socket = new WebSocket(`${host.url.replace('http', 'ws')}/contract`, { origin: host.url });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

/** A request over a fresh socket: proves the host still answers after whatever came before. */
async function getInfo(): Promise<unknown> {
  const socket = await openSocket();
  const answer = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
  socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.getInfo', payload: {} }));
  const response = await answer;
  socket.close();
  return response;
}

describe('preview host sockets', () => {
  it('closes only the connection that sends a frame over the size limit, and says why', async () => {
    const other = await openSocket();
    const offender = await openSocket();
    const offenderClosed = closed(offender);
    offender.send('x'.repeat(64 * 1024 + 1));

    expect(await offenderClosed).toBe(1009);
    expect(other.readyState).toBe(WebSocket.OPEN);
    expect(await getInfo()).toMatchObject({ id: 1, ok: true });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'closed a renderer socket', reason: 'Max payload size exceeded' }),
    );
    other.close();
  });

  it('closes a connection that sends a broken frame, and keeps serving', async () => {
    const offender = await openSocket();
    const offenderClosed = closed(offender);
    // A frame with the reserved bits set is a protocol error.
    (offender as unknown as { _socket: { write(data: Buffer): void } })._socket.write(
      Buffer.from([0xf1, 0x80, 0, 0, 0, 0]),
    );

    expect(await offenderClosed).toBe(1002);
    expect(await getInfo()).toMatchObject({ id: 1, ok: true });
  });

  it('refuses an upgrade whose URL cannot be read, and keeps serving', async () => {
    const answer = await sendRaw(
      host.url,
      `GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nOrigin: ${host.url}\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer.status).toBe(403);
    expect(await getInfo()).toMatchObject({ id: 1, ok: true });
  });

  it('answers a file request whose URL cannot be read with 400, and keeps serving', async () => {
    expect((await sendRaw(host.url, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(400);
    expect(await getInfo()).toMatchObject({ id: 1, ok: true });
  });
});

/** The JSON in the page's first-snapshot data block, or undefined when it has none. */
function firstSnapshotIn(html: string): unknown {
  const block = new RegExp(`<script type="application/json" id="${firstSnapshotElementId}">(.*?)</script>`).exec(html);
  return block?.[1] === undefined ? undefined : JSON.parse(block[1]);
}

describe('preview host pages', () => {
  it('hands its own page the snapshot with the HTML, checked by the contract', async () => {
    const html = await (await fetch(host.url)).text();
    const snapshot = kioskSnapshotSchema.parse(firstSnapshotIn(html));
    expect(snapshot).toEqual(services.view.snapshot());
    expect(snapshot.screen).toBe('attract');
  });

  it('keeps the snapshot from a page asked for under a name that is not its own', async () => {
    const { port } = new URL(host.url);
    const answer = await sendRaw(
      host.url,
      `GET / HTTP/1.1\r\nHost: rebound.example:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>kiosk</title>');
    expect(firstSnapshotIn(answer.body)).toBeUndefined();
  });

  it('keeps a person on screen out of the HTML', async () => {
    services.kiosk.begin();
    expect(services.view.snapshot().screen).toBe('signIn');
    expect(firstSnapshotIn(await (await fetch(host.url)).text())).toBeUndefined();
    services.kiosk.cancel();
  });
});
