import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import { mediaProtocol } from '../../src/shared/protocol/media';
import { openDatabase, type Db } from '../store/database';
import {
  connect,
  connectKiosk,
  connectMedia,
  nextEvent,
  type KioskClient,
  type MediaClient,
} from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

// A kiosk's media check against the real server: mediasoup routers, real tickets, the real clock.
// No media flows without a browser (the e2e setup spec does that); here the room's signalling and
// its lifecycle are checked.

const lifetimeMs = 2500;

const opus = {
  mid: '0',
  codecs: [
    {
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      parameters: { useinbandfec: 1 },
      rtcpFeedback: [],
    },
  ],
  headerExtensions: [],
  encodings: [{ ssrc: 11_111_111 }],
  rtcp: { cname: 'kiosk', reducedSize: true },
};

describe('the media check echo room', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;
  const open: MediaClient[] = [];

  async function openCheck(client: KioskClient = kiosk) {
    const result = await client.rpc.request('mediaCheck.open', {});
    if (!result.ok) throw new Error(`mediaCheck.open failed: ${result.error.code}`);
    return result.result;
  }

  async function media(ticket: string): Promise<MediaClient> {
    const client = await connectMedia(server.url, { ticket });
    open.push(client);
    return client;
  }

  async function refusal(ticket: string): Promise<string | undefined> {
    const error = await connect(server.url, mediaProtocol.namespace, { ticket }).then(
      (socket) => {
        socket.close();
        return undefined;
      },
      (refused: unknown) => refused,
    );
    return readHandshakeError(error)?.code;
  }

  async function joined(client: MediaClient) {
    const result = await client.rpc.request('room.join', {});
    if (!result.ok) throw new Error(`room.join failed: ${result.error.code}`);
    return result.result;
  }

  function presenceRows(): number {
    return (db.prepare('SELECT COUNT(*) AS n FROM room_presence').get() as { n: number }).n;
  }

  beforeAll(async () => {
    server = await startTestServer({ mediaCheckLifetimeMs: lifetimeMs });
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    for (const client of open) client.socket.close();
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  it('consumes what the kiosk produces back to the kiosk, as the echo peer, and touches no visit', async () => {
    const presenceBefore = presenceRows();
    const check = await openCheck();
    expect(new Date(check.closesAt).getTime()).toBeGreaterThan(Date.now());
    const client = await media(check.ticket);
    const room = await joined(client);
    expect(room.visit.visitId).toBe(check.checkId);
    expect(room.peers).toHaveLength(1);
    const echo = room.peers[0];
    expect(echo?.producers).toEqual([]);

    const send = await client.rpc.request('transport.create', { direction: 'send' });
    const recv = await client.rpc.request('transport.create', { direction: 'recv' });
    if (!send.ok || !recv.ok) throw new Error('no transports');
    expect(send.result.iceCandidates.map((candidate) => candidate.protocol).sort()).toEqual(['tcp', 'udp']);
    const announced = nextEvent<{ producerId: string; peerId: string; kind: string }>(client.socket, 'producer.new');
    const audio = await client.rpc.request('produce', {
      transportId: send.result.id,
      kind: 'audio',
      rtpParameters: opus,
    });
    if (!audio.ok) throw new Error('no producer');
    expect(await announced).toEqual({ producerId: audio.result.producerId, peerId: echo?.peerId, kind: 'audio' });

    const rtpCapabilities = room.routerRtpCapabilities as RtpCapabilities;
    const consumer = await client.rpc.request('consume', { producerId: audio.result.producerId, rtpCapabilities });
    expect(consumer).toMatchObject({ ok: true, result: { producerId: audio.result.producerId, kind: 'audio' } });
    if (!consumer.ok) return;
    expect(await client.rpc.request('consumer.resume', { consumerId: consumer.result.id })).toEqual({
      ok: true,
      result: {},
    });
    expect(await client.rpc.request('consume', { producerId: 'someone-else', rtpCapabilities })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(presenceRows()).toBe(presenceBefore);

    // Leaving ends the check: its ticket admits nobody afterwards.
    expect(await client.rpc.request('room.leave', { reason: 'hang_up' })).toEqual({ ok: true, result: {} });
    await expect.poll(() => refusal(check.ticket)).toBe('unauthenticated');
  });

  it('lets a kiosk whose connection dropped mid-check (a renderer reloading) join again while it lasts', async () => {
    const check = await openCheck();
    const first = await media(check.ticket);
    await joined(first);
    first.socket.disconnect();
    const again = await media(check.ticket);
    const room = await joined(again);
    expect(room.visit.visitId).toBe(check.checkId);
    expect(room.peers).toHaveLength(1);
    // An explicit leave still ends it.
    expect(await again.rpc.request('room.leave', { reason: 'hang_up' })).toEqual({ ok: true, result: {} });
    await expect.poll(() => refusal(check.ticket)).toBe('unauthenticated');
  });

  it('ends the check by itself when its time is up, joined or not', async () => {
    const check = await openCheck();
    const client = await media(check.ticket);
    await joined(client);
    const ended = nextEvent<{ visitId: string; reason: string }>(client.socket, 'visit.ended', lifetimeMs + 5000);
    const disconnected = nextEvent<string>(client.socket, 'disconnect', lifetimeMs + 5000);
    expect(await ended).toEqual({ visitId: check.checkId, reason: 'completed' });
    expect(await disconnected).toBe('io server disconnect');
    expect(await refusal(check.ticket)).toBe('unauthenticated');

    const never = await openCheck();
    await new Promise((resolve) => setTimeout(resolve, lifetimeMs + 200));
    expect(await refusal(never.ticket)).toBe('unauthenticated');
  });

  it('keeps one check per kiosk: a new one closes the one before', async () => {
    const first = await openCheck();
    const client = await media(first.ticket);
    await joined(client);
    const ended = nextEvent(client.socket, 'visit.ended');
    const second = await openCheck();
    await ended;
    expect(await refusal(first.ticket)).toBe('unauthenticated');
    expect(second.checkId).not.toBe(first.checkId);
    await joined(await media(second.ticket));

    // Another kiosk's check is its own.
    const other = await connectKiosk(server.url);
    try {
      const theirs = await openCheck(other);
      expect(await refusal(theirs.ticket)).toBeUndefined();
      expect(await refusal(second.ticket)).toBeUndefined();
    } finally {
      other.socket.close();
    }
  });

  it('refuses a tampered check ticket, and a check room holds the kiosk and its echo only', async () => {
    const check = await openCheck();
    const tampered = `${check.ticket.split('.')[0] ?? ''}x.${check.ticket.split('.')[1] ?? ''}`;
    expect(await refusal(tampered)).toBe('unauthenticated');
    const client = await media(check.ticket);
    const room = await joined(client);
    expect(room.visit).toMatchObject({ visitId: check.checkId, privileged: false });
    expect(room.peers.map((peer) => peer.displayName)).toEqual(['Media check']);
  });
});
