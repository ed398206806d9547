import { randomUUID } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import type { MediaProtocol, TransportDirection } from '../../src/shared/protocol/media';
import { RpcFailure, type ResultInputOf, type ValidRequestOf } from '../../src/shared/protocol/rpc';
import type { Logger } from '../log';
import { prioritise } from './consumer-policy';
import type { Peer } from './peer';
import { mediasoupCall, openTransport, transportOf, type TransportListen } from './room';
import { toClientRtpCapabilities, toClientRtpParameters } from './wire-types';

type Requests = MediaProtocol['requests'];
type Result<N extends keyof Requests> = ResultInputOf<Requests, N>;
type Payload<N extends keyof Requests> = ValidRequestOf<Requests, N>;

export interface EchoRoomDeps {
  listen: TransportListen;
  log: Logger;
  /**
   * Called once the room closed: its time was up, a newer check replaced it, the kiosk left
   * (`ended`), or the kiosk's connection dropped (`rejoinable`: a renderer reloading mid-check).
   */
  onClosed(room: EchoRoom, outcome: 'ended' | 'rejoinable'): void;
}

/**
 * A kiosk's media check: one router and one peer, the kiosk, whose producers are consumed back to
 * it, so its media makes the real trip kiosk -> SFU -> kiosk. The kiosk sees a second peer, `echo`,
 * whose producers are its own: the visit call's join sequence needs nothing else. No presence, no
 * flow log: a check is no visit and counts towards no ledger.
 */
export class EchoRoom {
  /** The kiosk's counterpart as the kiosk sees it; never a connection. */
  readonly echo = { peerId: randomUUID(), role: 'visitor' as const, displayName: 'Media check' };
  #peer: Peer | undefined;
  #closed = false;

  constructor(
    readonly checkId: string,
    readonly kioskId: string,
    readonly closesAt: number,
    readonly router: ms.Router,
    private readonly deps: EchoRoomDeps,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** The kiosk joining again from a new connection replaces its old one. */
  join(peer: Peer): Result<'room.join'> {
    const previous = this.#peer;
    if (previous !== undefined && previous !== peer) {
      this.#detach(previous);
      previous.disconnect();
    }
    this.#peer = peer;
    peer.room = this;
    this.deps.log.info({ checkId: this.checkId, kioskId: this.kioskId, peerId: peer.id }, 'media check joined');
    return {
      self: peer.info(),
      routerRtpCapabilities: toClientRtpCapabilities(this.router.rtpCapabilities),
      peers: [
        {
          ...this.echo,
          producers: [...peer.producers.values()].map((producer) => ({
            producerId: producer.id,
            kind: producer.kind,
            peerId: this.echo.peerId,
          })),
        },
      ],
      visit: {
        visitId: this.checkId,
        endsAt: new Date(this.closesAt).toISOString(),
        privileged: false,
        signLanguage: false,
      },
    };
  }

  /** The kiosk left: the check is over, unless only its connection dropped and it may come back. */
  leave(peer: Peer, reason: 'left' | 'disconnected' | 'replaced'): void {
    if (this.#peer !== peer) return;
    this.deps.log.info({ checkId: this.checkId, kioskId: this.kioskId, reason }, 'media check left');
    this.close(reason === 'disconnected' ? 'rejoinable' : 'ended');
  }

  createTransport(peer: Peer, direction: TransportDirection): Promise<Result<'transport.create'>> {
    return openTransport(this.router, this.deps.listen, peer, direction, this.checkId, this.deps.log);
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
    return { iceParameters };
  }

  /** What the kiosk sends is announced to the kiosk itself, as the echo's. */
  async produce(peer: Peer, { transportId, kind, rtpParameters }: Payload<'produce'>): Promise<Result<'produce'>> {
    const transport = transportOf(peer, transportId);
    if (transport.appData['direction'] !== 'send') throw new RpcFailure('invalid_state', 'not a send transport');
    for (const producer of peer.producers.values()) {
      if (producer.kind === kind) producer.close();
    }
    const producer = await mediasoupCall(() =>
      transport.produce({ kind, rtpParameters: rtpParameters as ms.RtpParameters }),
    );
    peer.producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      if (!this.#closed) peer.notify('producer.closed', { producerId: producer.id, peerId: this.echo.peerId });
    });
    peer.notify('producer.new', { producerId: producer.id, kind, peerId: this.echo.peerId });
    return { producerId: producer.id };
  }

  closeProducer(peer: Peer, { producerId }: Payload<'producer.close'>): Result<'producer.close'> {
    peer.producers.get(producerId)?.close();
    return {};
  }

  /** The kiosk's own producers only: there is nobody else here. */
  async consume(peer: Peer, { producerId, rtpCapabilities }: Payload<'consume'>): Promise<Result<'consume'>> {
    const transport = [...peer.transports.values()].find((candidate) => candidate.appData['direction'] === 'recv');
    if (transport === undefined) throw new RpcFailure('invalid_state', 'create a recv transport first');
    if (!peer.producers.has(producerId)) throw new RpcFailure('not_found', 'no such producer in this room');
    const capabilities = rtpCapabilities as ms.RtpCapabilities;
    if (!this.router.canConsume({ producerId, rtpCapabilities: capabilities })) {
      throw new RpcFailure('cannot_consume', 'these RTP capabilities cannot receive that producer');
    }
    const consumer = await mediasoupCall(() =>
      transport.consume({ producerId, rtpCapabilities: capabilities, paused: true }),
    );
    peer.consumers.set(consumer.id, consumer);
    await mediasoupCall(() => prioritise(consumer));
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
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
    return {};
  }

  /** Time is up (or a newer check replaced this one): the kiosk is told the check ended and let go. */
  expire(): void {
    const peer = this.#peer;
    if (this.#closed) return;
    this.close();
    if (peer !== undefined) {
      peer.notify('visit.ended', { visitId: this.checkId, reason: 'completed' });
      peer.disconnect();
    }
  }

  close(outcome: 'ended' | 'rejoinable' = 'ended'): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#peer !== undefined) this.#detach(this.#peer);
    this.router.close();
    this.deps.log.info({ checkId: this.checkId, kioskId: this.kioskId, outcome }, 'media check room closed');
    this.deps.onClosed(this, outcome);
  }

  #detach(peer: Peer): void {
    if (this.#peer === peer) this.#peer = undefined;
    peer.room = undefined;
    peer.closeMedia();
  }
}
