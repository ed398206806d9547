import { createSocket, type Socket } from 'node:dgram';
import { createWorker, type types as ms } from 'mediasoup';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerRole } from '../../src/shared/protocol/media';
import { systemClock } from '../clock';
import type { MediaFlowLog } from '../domain/media-flow-log';
import { createLogger } from '../log';
import { mediaCodecs } from './codecs';
import { MediaFlowWatch, type FlowConsumer, type FlowProducer, type FlowSide } from './media-flow-watch';

const logger = createLogger('silent');

/** A media flow log that remembers what it was told. */
function recordingLog() {
  const calls: string[] = [];
  let stretches = 0;
  const log: MediaFlowLog = {
    begin(visitId, at) {
      const n = ++stretches;
      calls.push(`begin ${n} ${visitId} @${at}`);
      return {
        seen: (seenAt) => calls.push(`seen ${n} @${seenAt}`),
        end: (endedAt) => calls.push(`end ${n} @${endedAt}`),
      };
    },
    connectedSeconds: () => 0,
    flowing: () => stretches > 0,
    closeInterrupted: () => 0,
  };
  return { log, calls };
}

describe('watching media flow', () => {
  class FakeProducer implements FlowProducer {
    closed = false;
    paused = false;
    packets = 0;
    failing = false;
    constructor(readonly id: string) {}
    async getStats() {
      if (this.failing) throw new Error('Producer closed');
      return [{ packetCount: this.packets }];
    }
  }
  const consumer = (): FlowConsumer & { paused: boolean } => ({ closed: false, paused: false, producerPaused: false });

  let t0: number;
  let producers: Record<PeerRole, FakeProducer>;
  let consumers: Record<PeerRole, ReturnType<typeof consumer>>;
  let sides: FlowSide[];

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T14:00:00Z') });
    t0 = Date.now();
    producers = { inmate: new FakeProducer('p-inmate'), visitor: new FakeProducer('p-visitor') };
    consumers = { inmate: consumer(), visitor: consumer() };
    sides = (['inmate', 'visitor'] as const).map((role) => ({
      role,
      producers: new Map([[producers[role].id, producers[role]]]),
      consumers: new Map([['c', consumers[role]]]),
    }));
  });
  afterEach(() => vi.useRealTimers());

  function watch(log: MediaFlowLog, only: FlowSide[] = sides): MediaFlowWatch {
    return new MediaFlowWatch({ visitId: 'v', sides: () => only, log, clock: systemClock, logger, intervalMs: 500 });
  }

  /** One interval in which the given sides send. */
  async function interval(...sending: PeerRole[]): Promise<void> {
    for (const role of sending) producers[role].packets += 25;
    await vi.advanceTimersByTimeAsync(500);
  }

  it('records a stretch from the middle of the first interval both sides sent in to the middle of the last', async () => {
    const { log, calls } = recordingLog();
    watch(log);
    await interval();
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    // The visitor quiet for more than a second: the stretch ends where it last sent.
    await interval('inmate');
    await interval('inmate');
    await interval('inmate');
    await interval('inmate', 'visitor');
    expect(calls).toEqual([
      `begin 1 v @${t0 + 750}`,
      `seen 1 @${t0 + 1250}`,
      `seen 1 @${t0 + 1750}`,
      `end 1 @${t0 + 1750}`,
      `begin 2 v @${t0 + 3750}`,
    ]);
  });

  it('takes a side quiet for a second or less as still sending, as the kiosk does', async () => {
    const { log, calls } = recordingLog();
    watch(log);
    await interval('inmate', 'visitor');
    await interval('inmate');
    await interval('inmate', 'visitor');
    expect(calls).toEqual([`begin 1 v @${t0 + 250}`, `seen 1 @${t0 + 1250}`]);
  });

  it('records nothing while only one side is in the room, or a side is not subscribed to the other', async () => {
    const { log, calls } = recordingLog();
    watch(log, sides.slice(0, 1));
    await interval('inmate', 'visitor');
    consumers.visitor.paused = true;
    const both = recordingLog();
    watch(both.log);
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    expect(calls).toEqual([]);
    expect(both.calls).toEqual([]);
  });

  it('takes a producer that cannot be asked as not sending', async () => {
    const { log, calls } = recordingLog();
    watch(log);
    await interval('inmate', 'visitor');
    producers.visitor.failing = true;
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    expect(calls).toEqual([`begin 1 v @${t0 + 250}`, `end 1 @${t0 + 250}`]);
  });

  it('names a producer whose packets grow again after a look that saw none, once', async () => {
    const { log } = recordingLog();
    const resumed: string[] = [];
    new MediaFlowWatch({
      visitId: 'v',
      sides: () => sides,
      log,
      clock: systemClock,
      logger,
      intervalMs: 500,
      onResumed: (producerId) => resumed.push(producerId),
    });
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    expect(resumed).toEqual([]);
    await interval('inmate');
    await interval();
    await interval('inmate', 'visitor');
    await interval('inmate', 'visitor');
    expect(resumed).toEqual(['p-inmate', 'p-visitor']);
  });

  it('ends a stretch when the room closes, and looks no more', async () => {
    const { log, calls } = recordingLog();
    const watching = watch(log);
    await interval('inmate', 'visitor');
    await vi.advanceTimersByTimeAsync(100);
    watching.stop();
    watching.stop();
    await interval('inmate', 'visitor');
    expect(calls).toEqual([`begin 1 v @${t0 + 250}`, `end 1 @${t0 + 600}`]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('watching real RTP through mediasoup', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 40000, rtcMaxPort: 49999 });
    router = await worker.createRouter({ mediaCodecs });
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
    worker.close();
  });

  /** A side whose audio comes from a UDP socket here, as RTP, into a plain transport. */
  async function rtpSender(ssrc: number) {
    const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
    const producer = await transport.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc }],
      },
    });
    const socket = createSocket('udp4');
    sockets.push(socket);
    let sequence = 0;
    const send = (): void => {
      sequence += 1;
      const packet = Buffer.alloc(32);
      packet.writeUInt8(0x80, 0);
      packet.writeUInt8(111, 1);
      packet.writeUInt16BE(sequence & 0xffff, 2);
      packet.writeUInt32BE(sequence * 960, 4);
      packet.writeUInt32BE(ssrc, 8);
      socket.send(packet, transport.tuple.localPort, '127.0.0.1');
    };
    return { producer, send };
  }

  async function consumerOf(producer: ms.Producer): Promise<ms.Consumer> {
    const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
    await transport.connect({ ip: '127.0.0.1', port: 9 });
    return transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  }

  it('sees media flow while RTP arrives from both sides, and stop when one side goes quiet', async () => {
    const inmate = await rtpSender(1111);
    const visitor = await rtpSender(2222);
    const sides: FlowSide[] = [
      {
        role: 'inmate',
        producers: new Map([['a', inmate.producer]]),
        consumers: new Map([['a', await consumerOf(visitor.producer)]]),
      },
      {
        role: 'visitor',
        producers: new Map([['b', visitor.producer]]),
        consumers: new Map([['b', await consumerOf(inmate.producer)]]),
      },
    ];
    const { log, calls } = recordingLog();
    const watching = new MediaFlowWatch({
      visitId: 'v',
      sides: () => sides,
      log,
      clock: systemClock,
      logger,
      intervalMs: 100,
    });
    let visitorSends = true;
    const streaming = setInterval(() => {
      inmate.send();
      if (visitorSends) visitor.send();
    }, 20);
    try {
      await expect
        .poll(() => calls.filter((call) => call.startsWith('seen')).length, { timeout: 3000 })
        .toBeGreaterThan(2);
      visitorSends = false;
      await expect.poll(() => calls.at(-1), { timeout: 3000 }).toMatch(/^end 1 /);
      expect(calls[0]).toMatch(/^begin 1 v /);
    } finally {
      clearInterval(streaming);
      watching.stop();
    }
  });
});
