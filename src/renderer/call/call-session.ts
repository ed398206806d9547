import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport, TransportOptions } from 'mediasoup-client/types';
import { io, type Socket } from 'socket.io-client';
import { readHandshakeError } from '../../shared/protocol/handshake';
import { mediaProtocol, type MediaHandshakeAuth, type MediaProtocol, type PeerInfo } from '../../shared/protocol/media';
import { createRpcClient, type ClientResult, type RpcClient } from '../../shared/protocol/rpc-client';
import type { RequestName } from '../../shared/protocol/rpc';
import type { VisitEndReason } from '../../shared/protocol/visit';

export type CallPhase = 'connecting' | 'waiting' | 'connected' | 'ended' | 'failed';

export interface CallState {
  readonly phase: CallPhase;
  /** The other side's audio and video, as one stream for one media element. */
  readonly remoteStream: MediaStream | null;
  readonly localStream: MediaStream | null;
  readonly remotePeer: PeerInfo | null;
  readonly endsAt: string | null;
  readonly endReason: VisitEndReason | null;
  /** Why the call failed, in words a technician can act on. */
  readonly failure: string | null;
}

export interface CallSessionOptions {
  serverUrl: string;
  auth: MediaHandshakeAuth;
  /** The reason this side's hang-up ends the visit with. */
  hangUpReason: Extract<VisitEndReason, 'hung_up_by_inmate' | 'hung_up_by_visitor'>;
  getLocalMedia?: () => Promise<MediaStream>;
}

const log = {
  warn: (details: object, message: string) => console.warn(message, details),
  error: (details: object, message: string) => console.error(message, details),
};

class CallFailure extends Error {}

/**
 * One class owns the whole call: the signalling socket, the mediasoup Device, both transports and
 * the producers and consumers. The UI renders the state it publishes and never touches mediasoup.
 */
export class CallSession {
  private current: CallState = {
    phase: 'connecting',
    remoteStream: null,
    localStream: null,
    remotePeer: null,
    endsAt: null,
    endReason: null,
    failure: null,
  };
  private readonly listeners = new Set<(state: CallState) => void>();
  private socket: Socket | undefined;
  private rpc: RpcClient<MediaProtocol> | undefined;
  private device: Device | undefined;
  private sendTransport: Transport | undefined;
  private recvTransport: Transport | undefined;
  private readonly producers = new Map<string, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private closed = false;

  constructor(private readonly options: CallSessionOptions) {}

  get state(): CallState {
    return this.current;
  }

  subscribe(listener: (state: CallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects, joins the room, sends camera and microphone and receives what the other side sends. */
  async start(): Promise<void> {
    try {
      const localStream = await (this.options.getLocalMedia ?? defaultLocalMedia)().catch((error: unknown) => {
        throw new CallFailure(`camera or microphone unavailable: ${(error as Error).message}`);
      });
      if (this.closed) return stopTracks(localStream);
      this.publish({ localStream });
      const rpc = await this.connect();
      const joined = this.expect(await rpc.request('room.join', {}));
      this.publish({ endsAt: joined.visit.endsAt });

      const device = new Device();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
      this.device = device;
      this.sendTransport = await this.createTransport('send');
      this.recvTransport = await this.createTransport('recv');
      for (const track of localStream.getTracks()) {
        const producer = await this.sendTransport.produce({ track, stopTracks: false });
        this.producers.set(producer.id, producer);
      }
      const other = joined.peers[0];
      this.publish({ phase: other === undefined ? 'waiting' : 'connected', remotePeer: other ?? null });
      for (const producer of other?.producers ?? []) await this.consume(producer.producerId);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Ends the visit for both sides. */
  async hangUp(): Promise<void> {
    if (this.closed) return;
    await this.rpc?.request('room.leave', { reason: 'hang_up' }, { timeoutMs: 3000, retries: 0 });
    this.finish({ phase: 'ended', endReason: this.options.hangUpReason });
  }

  /** Leaves without ending the visit (the page is going away); the other side sees this peer leave. */
  leave(): void {
    if (this.closed) return;
    void this.rpc?.request('room.leave', { reason: 'leaving' }, { timeoutMs: 1000, retries: 0 });
    this.finish({});
  }

  private connect(): Promise<RpcClient<MediaProtocol>> {
    const socket = io(new URL(mediaProtocol.namespace, this.options.serverUrl).toString(), {
      auth: this.options.auth,
      transports: ['websocket'],
    });
    this.socket = socket;
    const rpc = createRpcClient(socket, mediaProtocol, log);
    this.rpc = rpc;
    rpc.on('peer.joined', (peer) => this.publish({ remotePeer: peer, phase: 'connected' }));
    rpc.on('peer.left', () => this.dropRemote());
    rpc.on(
      'producer.new',
      ({ producerId }) => void this.consume(producerId).catch((error: unknown) => this.fail(error)),
    );
    rpc.on('producer.closed', ({ producerId }) => this.closeConsumerOf(producerId));
    rpc.on('visit.ended', ({ reason }) => this.finish({ phase: 'ended', endReason: reason }));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(rpc));
      socket.once('connect_error', (error) => {
        const refusal = readHandshakeError(error);
        if (refusal?.code === 'visit_over') this.finish({ phase: 'ended', endReason: 'completed' });
        reject(new CallFailure(refusal === undefined ? `media server unreachable: ${error.message}` : refusal.message));
      });
    });
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const rpc = this.rpc!;
    const device = this.device!;
    const params = this.expect(await rpc.request('transport.create', { direction }));
    const options: TransportOptions = {
      id: params.id,
      iceParameters: params.iceParameters,
      iceCandidates: params.iceCandidates,
      dtlsParameters: params.dtlsParameters,
    };
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      void rpc
        .request('transport.connect', { transportId: transport.id, dtlsParameters: dtlsParameters as never })
        .then((answer) => (answer.ok ? callback() : errback(new Error(answer.error.message))));
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
        void rpc
          .request('produce', { transportId: transport.id, kind, rtpParameters })
          .then((answer) =>
            answer.ok ? callback({ id: answer.result.producerId }) : errback(new Error(answer.error.message)),
          );
      });
    }
    return transport;
  }

  /** Consumers are created paused by the server and resumed once the track is in place. */
  private async consume(producerId: string): Promise<void> {
    const rpc = this.rpc;
    const transport = this.recvTransport;
    if (rpc === undefined || transport === undefined || this.device === undefined || this.closed) return;
    const params = this.expect(
      await rpc.request('consume', { producerId, rtpCapabilities: this.device.rtpCapabilities }),
    );
    const consumer = await transport.consume({
      id: params.id,
      producerId: params.producerId,
      kind: params.kind,
      rtpParameters: params.rtpParameters,
    });
    this.consumers.set(consumer.id, consumer);
    const remoteStream = new MediaStream([
      ...(this.current.remoteStream?.getTracks().filter((track) => track.kind !== consumer.kind) ?? []),
      consumer.track,
    ]);
    this.publish({ remoteStream, phase: 'connected' });
    this.expect(await rpc.request('consumer.resume', { consumerId: consumer.id }));
  }

  private closeConsumerOf(producerId: string): void {
    for (const [id, consumer] of this.consumers) {
      if (consumer.producerId !== producerId) continue;
      consumer.close();
      this.consumers.delete(id);
      const remaining = this.current.remoteStream?.getTracks().filter((track) => track !== consumer.track) ?? [];
      this.publish({ remoteStream: remaining.length === 0 ? null : new MediaStream(remaining) });
    }
  }

  private dropRemote(): void {
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.publish({ remotePeer: null, remoteStream: null, phase: 'waiting' });
  }

  private expect<N extends RequestName<MediaProtocol['requests']>>(answer: ClientResult<MediaProtocol, N>) {
    if (!answer.ok) throw new CallFailure(`${answer.error.code}: ${answer.error.message}`);
    return answer.result;
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    console.error('call failed', error);
    this.finish({ phase: 'failed', failure: error instanceof Error ? error.message : String(error) });
  }

  /** Closes everything this call opened, so nothing keeps the camera on or a transport alive. */
  private finish(final: Partial<CallState>): void {
    if (this.closed) return;
    this.closed = true;
    for (const consumer of this.consumers.values()) consumer.close();
    for (const producer of this.producers.values()) producer.close();
    this.consumers.clear();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.socket?.close();
    if (this.current.localStream !== null) stopTracks(this.current.localStream);
    this.publish({ remoteStream: null, localStream: null, ...final });
  }

  private publish(change: Partial<CallState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.current);
  }
}

function defaultLocalMedia(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true },
    video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
  });
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
