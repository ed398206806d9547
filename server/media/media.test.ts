import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import { healthPath, healthSchema } from '../../src/shared/protocol/http';
import { mediaProtocol, type MediaHandshakeAuth } from '../../src/shared/protocol/media';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import {
  connect,
  connectKiosk,
  connectMedia,
  nextEvent,
  type KioskClient,
  type MediaClient,
} from '../test-support/clients';
import { addVisit } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Real mediasoup behind real socket.io. Without a browser no media flows, but every signalling step
// runs against a real router: transports, DTLS and ICE parameters, producers and paused consumers.

const minute = 60_000;

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
  rtcp: { cname: 'visitor', reducedSize: true },
};
const vp8 = {
  mid: '1',
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 96,
      clockRate: 90000,
      parameters: {},
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
    },
  ],
  headerExtensions: [],
  encodings: [{ ssrc: 22_222_222 }],
  rtcp: { cname: 'visitor', reducedSize: true },
};
const clientDtls = {
  role: 'client' as const,
  fingerprints: [{ algorithm: 'sha-256' as const, value: Array.from({ length: 32 }, () => 'AB').join(':') }],
};

describe('the media namespace', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;
  let session: string;
  const open: MediaClient[] = [];

  async function media(auth: MediaHandshakeAuth): Promise<MediaClient> {
    const client = await connectMedia(server.url, auth);
    open.push(client);
    return client;
  }

  async function ticketFor(visitId: string): Promise<string> {
    const result = await kiosk.rpc.request('visit.join', { session, visitId });
    if (!result.ok) throw new Error(`visit.join failed: ${result.error.code}`);
    return result.result.ticket;
  }

  async function refusal(auth: object): Promise<string | undefined> {
    const error = await connect(server.url, mediaProtocol.namespace, auth).then(
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

  /** A fresh open visit with both sides in its room. */
  async function visitInProgress(endsInMs = 30 * minute) {
    const visit = addVisit(db, { startsAt: Date.now() - minute, endsAt: Date.now() + endsInMs });
    const visitor = await media({ code: visit.visitorCode });
    await joined(visitor);
    const inmate = await media({ ticket: await ticketFor(visit.visitId) });
    const peerJoined = nextEvent(visitor.socket, 'peer.joined');
    const inmateJoin = await joined(inmate);
    await peerJoined;
    return { ...visit, visitor, inmate, inmateJoin };
  }

  async function health() {
    return healthSchema.parse(await (await fetch(`${server.url}${healthPath}`)).json());
  }

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
    const signIn = await kiosk.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
    if (!signIn.ok) throw new Error('sign-in failed');
    session = signIn.result.session;
  });
  afterAll(async () => {
    for (const client of open) client.socket.close();
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  describe('the handshake', () => {
    it('refuses no credentials, a forged ticket and an unknown code as unauthenticated', async () => {
      expect(await refusal({})).toBe('unauthenticated');
      expect(await refusal({ ticket: 'eyJ2aXNpdElkIjoiZGVtby1ub3cifQ.c2lnbmF0dXJlLXRoYXQtaXMtd3Jvbmc' })).toBe(
        'unauthenticated',
      );
      expect(await refusal({ code: 'ABCD-EFGH-JKLM' })).toBe('unauthenticated');
      expect(await refusal({ code: 'not a code' })).toBe('unauthenticated');
    });

    it('refuses a visit not open yet and one that is over', async () => {
      expect(await refusal({ code: demo.visits.later.visitorCode })).toBe('visit_not_open');
      const over = addVisit(db, { startsAt: Date.now() - 60 * minute, endsAt: Date.now() - minute });
      expect(await refusal({ code: over.visitorCode })).toBe('visit_over');
    });
  });

  describe('a call', () => {
    it('joins both sides, each told about the other', async () => {
      const { inmateJoin } = await visitInProgress();
      expect(inmateJoin.self).toMatchObject({ role: 'inmate', displayName: 'Marcus R.' });
      expect(inmateJoin.peers).toEqual([
        expect.objectContaining({ role: 'visitor', displayName: 'Angela R.', producers: [] }),
      ]);
      const mimeTypes = (inmateJoin.routerRtpCapabilities as RtpCapabilities).codecs?.map((codec) => codec.mimeType);
      expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    });

    it('tells both sides whether the visit is booked for sign language', async () => {
      const signed = addVisit(db, {
        startsAt: Date.now() - minute,
        endsAt: Date.now() + 30 * minute,
        signLanguage: true,
      });
      const visitor = await media({ code: signed.visitorCode });
      expect((await joined(visitor)).visit).toMatchObject({ visitId: signed.visitId, signLanguage: true });
      const inmate = await media({ ticket: await ticketFor(signed.visitId) });
      expect((await joined(inmate)).visit.signLanguage).toBe(true);
      const { inmateJoin } = await visitInProgress();
      expect(inmateJoin.visit.signLanguage).toBe(false);
    });

    it('creates WebRTC transports listening on loopback over UDP and TCP', async () => {
      const { visitor } = await visitInProgress();
      const result = await visitor.rpc.request('transport.create', { direction: 'send' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const transport = result.result;
      expect(transport.direction).toBe('send');
      expect(transport.iceCandidates.map((candidate) => [candidate.address, candidate.protocol]).sort()).toEqual([
        ['127.0.0.1', 'tcp'],
        ['127.0.0.1', 'udp'],
      ]);
      expect(transport.dtlsParameters.fingerprints.map((fingerprint) => fingerprint.algorithm)).toContain('sha-256');
      expect(
        await visitor.rpc.request('transport.connect', { transportId: transport.id, dtlsParameters: clientDtls }),
      ).toEqual({
        ok: true,
        result: {},
      });
      expect(
        await visitor.rpc.request('transport.connect', { transportId: transport.id, dtlsParameters: clientDtls }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      const restarted = await visitor.rpc.request('transport.restartIce', { transportId: transport.id });
      expect(restarted.ok && restarted.result.iceParameters.password).not.toBe(transport.iceParameters.password);
      expect(
        await visitor.rpc.request('transport.connect', { transportId: 'nope', dtlsParameters: clientDtls }),
      ).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('closes a producer whose source ended and tells the other side why; a second close is harmless', async () => {
      const { visitor, inmate } = await visitInProgress();
      const send = await visitor.rpc.request('transport.create', { direction: 'send' });
      if (!send.ok) throw new Error('no send transport');
      const video = await visitor.rpc.request('produce', {
        transportId: send.result.id,
        kind: 'video',
        rtpParameters: vp8,
      });
      if (!video.ok) throw new Error('no video producer');
      const closed = nextEvent<{ producerId: string; reason?: string }>(inmate.socket, 'producer.closed');
      // Only a peer's own producer: the other side cannot close it.
      expect(await inmate.rpc.request('producer.close', { producerId: video.result.producerId })).toEqual({
        ok: true,
        result: {},
      });
      const stillSent = await inmate.rpc.request('room.join', {});
      expect(stillSent.ok && stillSent.result.peers[0]?.producers.map((producer) => producer.kind)).toEqual(['video']);
      expect(await visitor.rpc.request('producer.close', { producerId: video.result.producerId })).toEqual({
        ok: true,
        result: {},
      });
      expect(await closed).toMatchObject({ producerId: video.result.producerId, reason: 'source_ended' });
      expect(await visitor.rpc.request('producer.close', { producerId: video.result.producerId })).toEqual({
        ok: true,
        result: {},
      });
      const rejoin = await inmate.rpc.request('room.join', {});
      expect(rejoin.ok && rejoin.result.peers[0]?.producers).toEqual([]);
    });

    it('produces, announces, and consumes paused until resumed', async () => {
      const { visitor, inmate, inmateJoin } = await visitInProgress();
      const send = await visitor.rpc.request('transport.create', { direction: 'send' });
      if (!send.ok) throw new Error('no send transport');
      const announced = nextEvent<{ producerId: string; kind: string; peerId: string }>(inmate.socket, 'producer.new');
      const audio = await visitor.rpc.request('produce', {
        transportId: send.result.id,
        kind: 'audio',
        rtpParameters: opus,
      });
      expect(audio.ok).toBe(true);
      if (!audio.ok) return;
      const visitorPeer = inmateJoin.peers[0];
      expect(await announced).toEqual({
        producerId: audio.result.producerId,
        kind: 'audio',
        peerId: visitorPeer?.peerId,
      });
      const video = await visitor.rpc.request('produce', {
        transportId: send.result.id,
        kind: 'video',
        rtpParameters: vp8,
      });
      expect(video.ok).toBe(true);

      const rtpCapabilities = inmateJoin.routerRtpCapabilities;
      expect(
        await inmate.rpc.request('consume', { producerId: audio.result.producerId, rtpCapabilities }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      const recv = await inmate.rpc.request('transport.create', { direction: 'recv' });
      if (!recv.ok) throw new Error('no recv transport');
      expect(
        await inmate.rpc.request('produce', { transportId: recv.result.id, kind: 'audio', rtpParameters: opus }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      const consumer = await inmate.rpc.request('consume', { producerId: audio.result.producerId, rtpCapabilities });
      expect(consumer).toMatchObject({
        ok: true,
        result: { producerId: audio.result.producerId, kind: 'audio', producerPaused: false },
      });
      if (!consumer.ok) return;
      expect(consumer.result.rtpParameters.codecs[0]?.mimeType.toLowerCase()).toBe('audio/opus');
      expect(await inmate.rpc.request('consumer.resume', { consumerId: consumer.result.id })).toEqual({
        ok: true,
        result: {},
      });
      expect(await inmate.rpc.request('consumer.resume', { consumerId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await inmate.rpc.request('consume', { producerId: 'nope', rtpCapabilities })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const noVp8 = { codecs: rtpCapabilities.codecs?.filter((codec) => codec.kind === 'audio'), headerExtensions: [] };
      const refused = await inmate.rpc.request('consume', {
        producerId: video.ok ? video.result.producerId : '',
        rtpCapabilities: noVp8,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'cannot_consume' } });

      // A late joiner is told what is already being sent.
      const rejoin = await inmate.rpc.request('room.join', {});
      expect(rejoin.ok && rejoin.result.peers[0]?.producers.map((producer) => producer.kind).sort()).toEqual([
        'audio',
        'video',
      ]);
    });

    it('tells the other side when a producer closes with its transport', async () => {
      const { visitor, inmate } = await visitInProgress();
      const send = await visitor.rpc.request('transport.create', { direction: 'send' });
      if (!send.ok) throw new Error('no send transport');
      const audio = await visitor.rpc.request('produce', {
        transportId: send.result.id,
        kind: 'audio',
        rtpParameters: opus,
      });
      const closed = nextEvent<{ producerId: string }>(inmate.socket, 'producer.closed');
      // Asking for a new send transport replaces the old one, and with it its producers.
      await visitor.rpc.request('transport.create', { direction: 'send' });
      expect((await closed).producerId).toBe(audio.ok ? audio.result.producerId : undefined);
    });

    it('lets the same side rejoin from a new connection, replacing the old one', async () => {
      const { visitorCode, visitor, inmate } = await visitInProgress();
      const oldDropped = nextEvent(visitor.socket, 'disconnect');
      const left = nextEvent<{ reason: string }>(inmate.socket, 'peer.left');
      const again = await media({ code: visitorCode });
      await joined(again);
      expect(await left).toMatchObject({ reason: 'replaced' });
      expect(await oldDropped).toBe('io server disconnect');
    });

    it('ends the visit for everyone when a side hangs up, and tells the kiosk', async () => {
      const { visitId, visitorCode, visitor, inmate } = await visitInProgress();
      const inmateTold = nextEvent(inmate.socket, 'visit.ended');
      const visitorTold = nextEvent(visitor.socket, 'visit.ended');
      const kioskTold = nextEvent(kiosk.socket, 'visit.ended');
      expect(await visitor.rpc.request('room.leave', { reason: 'hang_up' })).toEqual({ ok: true, result: {} });
      const ended = { visitId, reason: 'hung_up_by_visitor' };
      expect(await inmateTold).toEqual(ended);
      expect(await visitorTold).toEqual(ended);
      expect(await kioskTold).toEqual(ended);
      expect(await refusal({ code: visitorCode })).toBe('visit_over');
      const ledger = db.prepare('SELECT role, connected_seconds FROM visit_ledger WHERE visit_id = ?').all(visitId);
      expect(ledger.map((row) => (row as { role: string }).role).sort()).toEqual(['inmate', 'visitor']);
    });

    it('lets a side leave without ending the visit, and closes the room when it empties', async () => {
      const { visitor, inmate } = await visitInProgress();
      const roomsBefore = (await health()).rooms;
      const left = nextEvent<{ reason: string }>(visitor.socket, 'peer.left');
      await inmate.rpc.request('room.leave', { reason: 'leaving' });
      expect(await left).toMatchObject({ reason: 'left' });
      visitor.socket.close();
      await expect.poll(async () => (await health()).rooms).toBe(roomsBefore - 1);
    });

    it('ends the visit as completed at its end time', async () => {
      const { visitor, inmate, visitId } = await visitInProgress(1500);
      const ended = { visitId, reason: 'completed' };
      await expect(nextEvent(visitor.socket, 'visit.ended', 5000)).resolves.toEqual(ended);
      await expect(nextEvent(inmate.socket, 'disconnect')).resolves.toBe('io server disconnect');
    });

    it('ends a visit on staff’s word', async () => {
      const { visitor, visitId } = await visitInProgress();
      const told = nextEvent(visitor.socket, 'visit.ended');
      const response = await fetch(`${server.url}/api/admin/visits/${visitId}/end`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.adminToken}` },
      });
      expect(await response.json()).toMatchObject({ reason: 'ended_by_staff' });
      expect(await told).toEqual({ visitId, reason: 'ended_by_staff' });
    });
  });

  describe('a media worker that dies', () => {
    it('resets its rooms, is replaced, and the peers rejoin on the new worker', async () => {
      const { visitor, inmate } = await visitInProgress();
      const [pid] = server.workerPids();
      const resets = [nextEvent(visitor.socket, 'room.reset'), nextEvent(inmate.socket, 'room.reset')];
      process.kill(pid as number, 'SIGKILL');
      await expect(Promise.all(resets)).resolves.toEqual([
        { reason: 'media_restarted' },
        { reason: 'media_restarted' },
      ]);
      expect(await visitor.rpc.request('transport.create', { direction: 'send' })).toMatchObject({
        ok: false,
        error: { code: 'not_joined' },
      });
      await expect.poll(async () => (await health()).status, { timeout: 5000 }).toBe('ok');
      expect(server.workerPids()).not.toContain(pid);
      await joined(visitor);
      const again = await joined(inmate);
      expect(again.peers).toHaveLength(1);
      expect(await inmate.rpc.request('transport.create', { direction: 'recv' })).toMatchObject({ ok: true });
    });
  });
});

describe('stopping the server', () => {
  it('ends visits in progress as ended_by_server and records it', async () => {
    const server = await startTestServer();
    const db = openDatabase(server.dataDir);
    try {
      const visitor = await connectMedia(server.url, { code: demo.visits.now.visitorCode });
      await visitor.rpc.request('room.join', {});
      const told = nextEvent(visitor.socket, 'visit.ended');
      await server.close();
      expect(await told).toEqual({ visitId: demo.visits.now.id, reason: 'ended_by_server' });
      const row = db.prepare('SELECT end_reason FROM visits WHERE id = ?').get(demo.visits.now.id) as {
        end_reason: string;
      };
      expect(row.end_reason).toBe('ended_by_server');
    } finally {
      db.close();
      await server.dispose();
    }
  });
});
