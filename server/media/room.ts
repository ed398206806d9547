import type { types as ms } from 'mediasoup';
import type { MediaProtocol, TransportDirection } from '../../src/shared/protocol/media';
import { RpcFailure, type ResultInputOf, type ValidRequestOf } from '../../src/shared/protocol/rpc';
import type { VisitEndReason } from '../../src/shared/protocol/visit';
import type { Clock } from '../clock';
import type { MediaFlowLog } from '../domain/media-flow-log';
import type { Presence } from '../domain/presence';
import type { Logger } from '../log';
import { initialOutgoingBitrate, maxIncomingBitrate, prioritise } from './consumer-policy';
import { MediaFlowWatch } from './media-flow-watch';
import { watchWeakLink } from './weak-link';
import type { Peer } from './peer';
import { toClientDtlsParameters, toClientRtpCapabilities, toClientRtpParameters } from './wire-types';

type Requests = MediaProtocol['requests'];
type Result<N extends keyof Requests> = ResultInputOf<Requests, N>;
type Payload<N extends keyof Requests> = ValidRequestOf<Requests, N>;

export interface RoomVisit {
  id: string;
  endsAt: number;
  privileged: boolean;
  signLanguage: boolean;
}

export interface TransportListen {
  ip: string;
  announcedIp: string | undefined;
}

export interface RoomDeps {
  listen: TransportListen;
  presence: Presence;
  flowLog: MediaFlowLog;
  clock: Clock;
  log: Logger;
  /** Called once the last peer has left; the room is closed by then. */
  onEmpty(room: Room): void;
}

/**
 * One visit's room: a mediasoup router and the (at most two) peers in it, one per side. A side that
 * joins again from a new connection replaces its old one, which is how a kiosk renderer that
 * crashed, or a visitor who reloaded, gets back in without waiting for the old socket to time out.
 */
export class Room {
  readonly peers = new Map<string, Peer>();
  readonly #leaveRecords = new Map<string, () => void>();
  readonly #flow: MediaFlowWatch;
  #closed = false;

  constructor(
    readonly visit: RoomVisit,
    readonly router: ms.Router,
    private readonly deps: RoomDeps,
  ) {
    this.#flow = new MediaFlowWatch({
      visitId: visit.id,
      sides: () => this.peers.values(),
      log: deps.flowLog,
      clock: deps.clock,
      logger: deps.log,
      onResumed: (producerId) => this.#askKeyFrame(producerId),
    });
  }

  /** Every video consumer of a producer whose media came back after a gap gets a keyframe at once. */
  #askKeyFrame(producerId: string): void {
    for (const peer of this.peers.values()) {
      for (const consumer of peer.consumers.values()) {
        if (consumer.producerId !== producerId || consumer.kind !== 'video' || consumer.closed) continue;
        this.deps.log.debug(
          { visitId: this.visit.id, peerId: peer.id, consumerId: consumer.id },
          'media resumed: keyframe asked',
        );
        // A consumer closed in the meantime needs none.
        consumer.requestKeyFrame().catch(() => {});
      }
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  join(peer: Peer): Result<'room.join'> {
    for (const other of this.peers.values()) {
      if (other.role === peer.role) {
        this.leave(other, 'replaced');
        other.disconnect();
      }
    }
    const others = [...this.peers.values()];
    this.peers.set(peer.id, peer);
    peer.room = this;
    this.#leaveRecords.set(peer.id, this.deps.presence.enter(this.visit.id, peer.id, peer.role));
    for (const other of others) other.notify('peer.joined', peer.info());
    this.deps.log.info({ visitId: this.visit.id, peerId: peer.id, role: peer.role }, 'peer joined room');
    return {
      self: peer.info(),
      routerRtpCapabilities: toClientRtpCapabilities(this.router.rtpCapabilities),
      peers: others.map((other) => ({
        ...other.info(),
        producers: [...other.producers.values()].map((producer) => ({
          producerId: producer.id,
          kind: producer.kind,
          peerId: other.id,
        })),
      })),
      visit: {
        visitId: this.visit.id,
        endsAt: new Date(this.visit.endsAt).toISOString(),
        privileged: this.visit.privileged,
        signLanguage: this.visit.signLanguage,
      },
    };
  }

  leave(peer: Peer, reason: 'left' | 'disconnected' | 'replaced'): void {
    if (!this.peers.delete(peer.id)) return;
    peer.room = undefined;
    this.#leaveRecords.get(peer.id)?.();
    this.#leaveRecords.delete(peer.id);
    peer.closeMedia();
    for (const other of this.peers.values()) other.notify('peer.left', { peerId: peer.id, reason });
    this.deps.log.info({ visitId: this.visit.id, peerId: peer.id, reason }, 'peer left room');
    if (this.peers.size === 0) {
      this.close();
      this.deps.onEmpty(this);
    }
  }

  createTransport(peer: Peer, direction: TransportDirection): Promise<Result<'transport.create'>> {
    return openTransport(this.router, this.deps.listen, peer, direction, this.visit.id, this.deps.log);
  }

  async connectTransport(
    peer: Peer,
    { transportId, dtlsParameters }: Payload<'transport.connect'>,
  ): Promise<Result<'transport.connect'>> {
    await mediasoupCall(() => transportOf(peer, transportId).connect({ dtlsParameters }));
    return {};
  }

  async restartIce(
    peer: Peer,
    { transportId }: Payload<'transport.restartIce'>,
  ): Promise<Result<'transport.restartIce'>> {
    const iceParameters = await mediasoupCall(() => transportOf(peer, transportId).restartIce());
    this.deps.log.debug({ visitId: this.visit.id, peerId: peer.id, transportId }, 'transport ICE restarted');
    return { iceParameters };
  }

  async produce(
    peer: Peer,
    { transportId, kind, rtpParameters, appData }: Payload<'produce'>,
  ): Promise<Result<'produce'>> {
    const transport = transportOf(peer, transportId);
    if (transport.appData['direction'] !== 'send') throw new RpcFailure('invalid_state', 'not a send transport');
    // One producer per kind and peer: a second (a retried request, a new camera) takes over.
    for (const producer of peer.producers.values()) {
      if (producer.kind === kind) producer.close();
    }
    const producer = await mediasoupCall(() =>
      transport.produce({ kind, rtpParameters: rtpParameters as ms.RtpParameters, appData: { ...appData } }),
    );
    peer.producers.set(producer.id, producer);
    this.deps.log.debug({ visitId: this.visit.id, peerId: peer.id, producerId: producer.id, kind }, 'producer created');
    producer.observer.once('close', () => {
      this.deps.log.debug({ visitId: this.visit.id, peerId: peer.id, producerId: producer.id }, 'producer closed');
      peer.producers.delete(producer.id);
      if (this.#closed) return;
      const reason = producer.appData['sourceEnded'] === true ? { reason: 'source_ended' as const } : {};
      for (const other of this.#othersThan(peer))
        other.notify('producer.closed', { producerId: producer.id, peerId: peer.id, ...reason });
    });
    for (const other of this.#othersThan(peer))
      other.notify('producer.new', { producerId: producer.id, kind, peerId: peer.id });
    return { producerId: producer.id };
  }

  /** The peer's own producer only; one already closed is no error (a retried request). */
  closeProducer(peer: Peer, { producerId }: Payload<'producer.close'>): Result<'producer.close'> {
    const producer = peer.producers.get(producerId);
    if (producer !== undefined) {
      producer.appData['sourceEnded'] = true;
      producer.close();
    }
    return {};
  }

  async consume(peer: Peer, { producerId, rtpCapabilities }: Payload<'consume'>): Promise<Result<'consume'>> {
    const transport = [...peer.transports.values()].find((candidate) => candidate.appData['direction'] === 'recv');
    if (transport === undefined) throw new RpcFailure('invalid_state', 'create a recv transport first');
    const owner = this.#othersThan(peer).find((other) => other.producers.has(producerId));
    if (owner === undefined) throw new RpcFailure('not_found', 'no such producer in this room');
    const capabilities = rtpCapabilities as ms.RtpCapabilities;
    if (!this.router.canConsume({ producerId, rtpCapabilities: capabilities })) {
      throw new RpcFailure('cannot_consume', 'these RTP capabilities cannot receive that producer');
    }
    // Paused until the client has set up its side and asks to resume, so no keyframe is lost.
    const consumer = await mediasoupCall(() =>
      transport.consume({ producerId, rtpCapabilities: capabilities, paused: true }),
    );
    peer.consumers.set(consumer.id, consumer);
    await mediasoupCall(() => prioritise(consumer));
    const about = { visitId: this.visit.id, peerId: peer.id, producerId, consumerId: consumer.id };
    this.deps.log.debug({ ...about, kind: consumer.kind }, 'consumer created');
    if (consumer.kind === 'video') {
      watchWeakLink(consumer, (paused) => {
        this.deps.log.info({ ...about, paused }, 'video paused for a weak connection');
        const told = { producerId, paused, reason: 'weak_connection' } as const;
        peer.notify('video.paused', { ...told, side: 'receiving' });
        owner.notify('video.paused', { ...told, side: 'sending' });
      });
    }
    consumer.observer.once('close', () => {
      this.deps.log.debug(about, 'consumer closed');
      peer.consumers.delete(consumer.id);
    });
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: toClientRtpParameters(consumer.rtpParameters),
      producerPaused: consumer.producerPaused,
    };
  }

  async resumeConsumer(peer: Peer, { consumerId }: Payload<'consumer.resume'>): Promise<Result<'consumer.resume'>> {
    const consumer = peer.consumers.get(consumerId);
    if (consumer === undefined) throw new RpcFailure('not_found', 'no such consumer');
    await mediasoupCall(() => consumer.resume());
    this.deps.log.debug({ visitId: this.visit.id, peerId: peer.id, consumerId }, 'consumer resumed');
    return {};
  }

  /** The visit is over: everyone is told why and disconnected. */
  end(reason: VisitEndReason): void {
    if (this.#closed) return;
    const peers = [...this.peers.values()];
    this.close();
    for (const peer of peers) {
      peer.notify('visit.ended', { visitId: this.visit.id, reason });
      peer.disconnect();
    }
    this.deps.log.info({ visitId: this.visit.id, reason }, 'visit room ended');
  }

  /** The media is lost but the visit goes on: peers stay connected and rebuild by joining again. */
  reset(): void {
    if (this.#closed) return;
    const peers = [...this.peers.values()];
    this.close();
    for (const peer of peers) peer.notify('room.reset', { reason: 'media_restarted' });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#flow.stop();
    for (const peer of this.peers.values()) {
      peer.room = undefined;
      peer.closeMedia();
    }
    this.peers.clear();
    for (const recordLeave of this.#leaveRecords.values()) recordLeave();
    this.#leaveRecords.clear();
    this.router.close();
  }

  #othersThan(peer: Peer): Peer[] {
    return [...this.peers.values()].filter((other) => other !== peer);
  }
}

export function transportOf(peer: Peer, transportId: string): ms.WebRtcTransport {
  const transport = peer.transports.get(transportId);
  if (transport === undefined) throw new RpcFailure('not_found', 'no such transport');
  return transport;
}

/** mediasoup throws TypeError for parameters it rejects and other errors for calls out of order. */
export async function mediasoupCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RpcFailure) throw error;
    const message = error instanceof Error ? error.message.slice(0, 300) : 'mediasoup refused the request';
    throw new RpcFailure(error instanceof TypeError ? 'invalid_request' : 'invalid_state', message);
  }
}

/** A WebRTC transport for the peer in this router (UDP preferred, TCP offered); one per direction. */
export async function openTransport(
  router: ms.Router,
  listen: TransportListen,
  peer: Peer,
  direction: TransportDirection,
  roomId: string,
  log: Logger,
): Promise<Result<'transport.create'>> {
  // One transport per direction: asking again (a rebuild after ICE failed for good) replaces it.
  for (const transport of peer.transports.values()) {
    if (transport.appData['direction'] === direction) transport.close();
  }
  const transport = await router.createWebRtcTransport({
    listenIps: [
      {
        ip: listen.ip,
        ...(listen.announcedIp === undefined ? {} : { announcedIp: listen.announcedIp }),
      },
    ],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: initialOutgoingBitrate,
    appData: { direction },
  });
  peer.transports.set(transport.id, transport);
  if (direction === 'send') await transport.setMaxIncomingBitrate(maxIncomingBitrate);
  const about = { visitId: roomId, peerId: peer.id, transportId: transport.id, direction };
  log.debug(about, 'transport created');
  transport.on('icestatechange', (iceState) => log.debug({ ...about, iceState }, 'transport ICE state'));
  transport.observer.once('close', () => {
    log.debug(about, 'transport closed');
    peer.transports.delete(transport.id);
  });
  return {
    id: transport.id,
    direction,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates.map((candidate) => ({
      foundation: candidate.foundation,
      priority: candidate.priority,
      address: candidate.ip,
      ip: candidate.ip,
      protocol: candidate.protocol,
      port: candidate.port,
      type: candidate.type,
      ...(candidate.tcpType === undefined ? {} : { tcpType: candidate.tcpType }),
    })),
    dtlsParameters: toClientDtlsParameters(transport.dtlsParameters),
  };
}
