import { createWorker, type types as ms } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPlan } from '../../src/shared/call/send-plan';
import { mediaProtocol, type PeerRole } from '../../src/shared/protocol/media';
import { systemClock } from '../clock';
import { createMediaFlowLog } from '../domain/media-flow-log';
import { createPresence } from '../domain/presence';
import { createLogger } from '../log';
import { addVisit, seededDatabase } from '../test-support/fixtures';
import { mediaCodecs } from './codecs';
import { audioConsumerPriority, highestLayers, initialOutgoingBitrate, maxIncomingBitrate } from './consumer-policy';
import { Peer } from './peer';
import { Room } from './room';
import { toClientRtpCapabilities } from './wire-types';

// A visit room on a real mediasoup worker: what the SFU makes of the send plan's simulcast layers,
// and how it ranks what it forwards. No browser, so no media flows; the objects are mediasoup's own.

const logger = createLogger('silent');
const minute = 60_000;

const headerExtensions = [
  { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
  { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
  { uri: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id', id: 3 },
  { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 4 },
];

const opus = {
  mid: '0',
  codecs: [
    {
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      parameters: { useinbandfec: 1, usedtx: 0 },
      rtcpFeedback: [{ type: 'transport-cc' }],
    },
  ],
  headerExtensions,
  encodings: [{ ssrc: 11_111_111 }],
  rtcp: { cname: 'visitor', reducedSize: true },
};

/** What mediasoup-client sends for the plan's layers: one encoding per layer, named by rid. */
const simulcastVp8 = {
  mid: '1',
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 96,
      clockRate: 90000,
      parameters: {},
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'transport-cc' }],
    },
  ],
  headerExtensions,
  encodings: sendPlan('video', { signLanguage: false }).encodings.map((layer, index) => ({
    ...layer,
    rid: `r${index}`,
  })),
  rtcp: { cname: 'visitor', reducedSize: true },
};

/** As the namespace gets them: through the protocol's schemas. */
const produceRequest = (transportId: string, kind: 'audio' | 'video', rtpParameters: object) =>
  mediaProtocol.requests.produce.request.parse({ transportId, kind, rtpParameters });

const silentSocket = { emit: () => true, disconnect: () => undefined };

describe('a visit room on a real mediasoup worker', () => {
  let worker: ms.Worker;
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let room: Room;
  let visitor: Peer;
  let inmate: Peer;

  const peer = (role: PeerRole): Peer => new Peer(room.visit.id, role, role, silentSocket, logger);
  const transportOf = (side: Peer): ms.WebRtcTransport => [...side.transports.values()][0] as ms.WebRtcTransport;

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 40000, rtcMaxPort: 49999 });
    fixture = await seededDatabase(systemClock);
    const visit = addVisit(fixture.db, { startsAt: Date.now() - minute, endsAt: Date.now() + 30 * minute });
    room = new Room(
      { id: visit.visitId, endsAt: Date.now() + 30 * minute, privileged: false, signLanguage: false },
      await worker.createRouter({ mediaCodecs }),
      {
        listen: { ip: '127.0.0.1', announcedIp: undefined },
        presence: createPresence(fixture.db, systemClock),
        flowLog: createMediaFlowLog(fixture.db),
        clock: systemClock,
        log: logger,
        onEmpty: () => undefined,
      },
    );
    visitor = peer('visitor');
    inmate = peer('inmate');
    room.join(visitor);
    room.join(inmate);
  });
  afterAll(async () => {
    room.close();
    worker.close();
    await fixture.dispose();
  });

  it('offers Opus with in-band FEC to every client', () => {
    const opusCapability = room.router.rtpCapabilities.codecs?.find((codec) => codec.mimeType === 'audio/opus');
    expect(opusCapability?.parameters).toMatchObject({ useinbandfec: 1 });
  });

  it('caps what a sender may send and starts each estimate at 1 Mbps', async () => {
    const send = await room.createTransport(visitor, 'send');
    await room.createTransport(inmate, 'recv');
    const [stats] = await transportOf(visitor).getStats();
    expect(send.direction).toBe('send');
    expect(stats?.maxIncomingBitrate).toBe(maxIncomingBitrate);
    expect(maxIncomingBitrate).toBeGreaterThan(
      sendPlan('video', { signLanguage: true }).encodings.reduce((sum, layer) => sum + (layer.maxBitrate ?? 0), 0),
    );
    expect(initialOutgoingBitrate).toBeGreaterThanOrEqual(
      sendPlan('video', { signLanguage: false }).encodings[1]?.maxBitrate ?? Infinity,
    );
  });

  it('takes the plan’s three layers as one simulcast producer and aims each consumer at the top one', async () => {
    const { producerId } = await room.produce(visitor, produceRequest(transportOf(visitor).id, 'video', simulcastVp8));
    const producer = visitor.producers.get(producerId);
    expect(producer?.type).toBe('simulcast');
    expect(producer?.rtpParameters.encodings?.map((encoding) => encoding.rid)).toEqual(['r0', 'r1', 'r2']);

    const answer = await room.consume(inmate, {
      producerId,
      rtpCapabilities: toClientRtpCapabilities(room.router.rtpCapabilities),
    });
    const consumer = inmate.consumers.get(answer.id);
    expect(consumer?.type).toBe('simulcast');
    expect(consumer?.preferredLayers).toEqual(highestLayers);
    expect(consumer?.priority).toBe(1);
    // The receiver gets one stream, whichever layer the SFU forwards.
    expect(answer.rtpParameters.encodings).toHaveLength(1);
  });

  it('gives audio consumers the highest priority, and keeps the sender’s FEC', async () => {
    const { producerId } = await room.produce(visitor, produceRequest(transportOf(visitor).id, 'audio', opus));
    const answer = await room.consume(inmate, {
      producerId,
      rtpCapabilities: toClientRtpCapabilities(room.router.rtpCapabilities),
    });
    const consumer = inmate.consumers.get(answer.id);
    expect(consumer?.priority).toBe(audioConsumerPriority);
    expect(audioConsumerPriority).toBe(255);
    expect(answer.rtpParameters.codecs[0]?.parameters).toMatchObject({ useinbandfec: 1 });
    const video = [...inmate.consumers.values()].find((other) => other.kind === 'video');
    expect(consumer?.priority).toBeGreaterThan(video?.priority ?? Infinity);
  });
});
