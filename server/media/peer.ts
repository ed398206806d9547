import { randomUUID } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import { mediaProtocol, type PeerInfo, type PeerRole } from '../../src/shared/protocol/media';
import type { EventName, EventOf } from '../../src/shared/protocol/rpc';
import type { Logger } from '../log';
import { emitEvent } from '../socket/emit-event';
import type { EchoRoom } from './echo-room';
import type { Room } from './room';

export interface PeerSocket {
  emit(event: string, payload: unknown): unknown;
  disconnect(close?: boolean): unknown;
}

type MediaEvent = EventName<typeof mediaProtocol>;

/** One connection to the media namespace, and the mediasoup objects it owns. */
export class Peer {
  readonly id = randomUUID();
  /** Set while the peer is in its visit's room (or its check's); cleared when it leaves or the room is reset. */
  room: Room | EchoRoom | undefined;
  /** Set once the socket is gone, so a room join still in progress does not add a dead peer. */
  gone = false;
  readonly transports = new Map<string, ms.WebRtcTransport>();
  readonly producers = new Map<string, ms.Producer>();
  readonly consumers = new Map<string, ms.Consumer>();

  constructor(
    readonly visitId: string,
    readonly role: PeerRole,
    readonly displayName: string,
    private readonly socket: PeerSocket,
    private readonly log: Logger,
    /** For a kiosk's media check: its echo room's name (in `visitId`) is no visit. */
    readonly check = false,
  ) {}

  info(): PeerInfo {
    return { peerId: this.id, role: this.role, displayName: this.displayName };
  }

  notify<E extends MediaEvent>(event: E, payload: EventOf<typeof mediaProtocol, E>): void {
    emitEvent(this.socket, mediaProtocol, event, payload, this.log);
  }

  /** Deferred a turn, so the acknowledgement of the request that caused it (a hang-up) still goes out. */
  disconnect(): void {
    setImmediate(() => this.socket.disconnect(true));
  }

  /** Closing the transports closes their producers and consumers too. */
  closeMedia(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
