import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import { io, type Socket } from 'socket.io-client';
import type { MediaDropCause } from '../contract/kiosk';
import { readHandshakeError, type HandshakeError } from '../protocol/handshake';
import { mediaProtocol, type MediaHandshakeAuth, type MediaKind, type TransportDirection } from '../protocol/media';
import type { RequestOf, ResultOf, RpcLog } from '../protocol/rpc';
import { createRpcClient, type RpcClient } from '../protocol/rpc-client';
import type { VisitEndReason } from '../protocol/visit';
import { sendPlan } from './send-plan';

type Requests = typeof mediaProtocol.requests;
type MediaRequest = keyof Requests & string;

export type CallState =
  | { phase: 'connecting' }
  /** In the room; the other side has not joined (yet, or again). */
  | { phase: 'waiting'; endsAt: string }
  /**
   * `pictureFrozen`: the other side sends video but no frame has arrived for a second.
   * `remoteStopped`: what the other side stopped sending on purpose because its device did (its
   * camera or microphone failed), as opposed to media lost on the way.
   * `videoPaused`: the SFU forwards no video because a link cannot afford its lowest layer, this
   * side's (`receiving`: their picture is paused) or theirs (`sending`: they see none of ours); the
   * sound goes on, and the video comes back by itself when the link recovers.
   */
  | {
      phase: 'in_call';
      endsAt: string;
      remoteName: string;
      pictureFrozen: boolean;
      remoteStopped: { video: boolean; audio: boolean };
      videoPaused: { receiving: boolean; sending: boolean };
    }
  /** Signalling or media was lost; rebuilding by itself. */
  | { phase: 'reconnecting'; cause: ReconnectCause }
  | { phase: 'ended'; reason: VisitEndReason }
  | { phase: 'refused'; refusal: HandshakeError }
  | { phase: 'failed'; message: string };

/** Why a call is reconnecting: every cause of a drop but the visitor leaving, which is waiting. */
export type ReconnectCause = Exclude<MediaDropCause, 'visitor_left'>;

/** How often inbound media is checked while in the call, and how long without growth is a stall. */
const stallCheckMs = 250;
const stallAfterMs = 1000;
/** Time for the first packets after (re)entering the call before their absence counts as a stall. */
const stallGraceMs = 3000;
/**
 * Media stalled this long while the receive transport says it is connected is a stall ICE will not
 * mend (lost keyframes, a stuck consumer): the call is rebuilt, and again after twice as long, and
 * so on, while the stall lasts (the far side may simply have lost its own network).
 */
const stallRebuildMs = 8000;
/**
 * A frozen picture while the sound still arrives: the network and the server are fine, so nothing
 * will mend it by waiting (a video consumer lost in a race, a keyframe never sent); rebuilt sooner,
 * and again after twice as long, and so on, while no frame arrives.
 */
const frozenPictureRebuildMs = 3000;
/** How long an ICE connection may stay `disconnected` before it is restarted. */
const iceDisconnectedWaitMs = 2000;
/** Between asks for fresh credentials while the server cannot issue them yet (it is restarting). */
const renewRetryMs = 2000;

/** Running totals of what the receive transport got, for judging the connection. */
export interface ReceiveStats {
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  /** Of the transport's selected candidate pair; null until measured. */
  roundTripSeconds: number | null;
  /** Video frames decoded from everything the transport receives. */
  framesDecoded: number;
  /** Of the video streams only: what a bitrate of the picture is measured from. */
  videoBytesReceived: number;
  /** The protocol of the selected candidate pair's local candidate; null until ICE selected one. */
  path: 'udp' | 'tcp' | null;
}

/** The call's signalling and media events, for explaining a call that went wrong after the fact. */
const trace = (message: string): void => console.info(`[call] ${message}`);

const log: RpcLog = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

/** The fields of the RTCStats entries this file reads; the DOM types give only the base. */
interface RtcStatsEntry {
  type: string;
  kind?: string;
  localCandidateId?: string;
  protocol?: string;
  packetsReceived?: number;
  packetsLost?: number;
  bytesReceived?: number;
  framesDecoded?: number;
  nominated?: boolean;
  currentRoundTripTime?: number;
}

export interface VisitCallOptions {
  /** The visitation server; the visitor page passes its own origin. */
  serverUrl: string;
  /** A kiosk's ticket from `visit.join`, or a visitor's code; `updateAuth` replaces it. */
  auth: MediaHandshakeAuth;
  /**
   * Asked for fresh credentials when the server refuses ours as unauthenticated (a kiosk's ticket
   * lasts two minutes; a reconnect after a long cut or a server restart needs a new one). It
   * answers undefined while none can be had yet, and is asked again until it answers or the page
   * closes the call (the kiosk's main ends the call itself when the visit is over). Without it the
   * refusal is final.
   */
  renewAuth?: () => Promise<MediaHandshakeAuth | undefined>;
  localStream: MediaStream;
  /** Where the other side's tracks go, when the page holds it from before the call exists. */
  remoteStream?: MediaStream;
  /** What this side's hang-up ends the visit with. */
  hangUpReason: Extract<VisitEndReason, 'hung_up_by_inmate' | 'hung_up_by_visitor'>;
  onState: (state: CallState) => void;
}

/**
 * One side of one visit, the kiosk's or the visitor's: it owns the signalling socket, the mediasoup Device, both
 * transports and every producer and consumer, and publishes a `CallState` the page renders. It
 * recovers by itself: an ICE restart when a transport's connection fails, and a full rebuild (new
 * Device, transports, producers, consumers) after the socket reconnects or the room is reset.
 */
export class VisitCall {
  /** The other side's tracks, as they are consumed. */
  readonly remoteStream: MediaStream;
  readonly #socket: Socket;
  readonly #rpc: RpcClient<typeof mediaProtocol>;
  readonly #transports = new Map<TransportDirection, Transport>();
  readonly #producers = new Map<string, Producer>();
  /** By producer ID: what the server names when a producer closes. */
  readonly #consumers = new Map<string, Consumer>();
  /**
   * The other side's producers, as the server has told since this join began: what this side should
   * be consuming, and whether it sends video at all (a picture is judged frozen only if it does).
   */
  readonly #remoteProducers = new Map<string, MediaKind>();
  /**
   * Producers with a consume under way, and the rebuild it belongs to, so an announcement and the
   * join's list cannot both consume one while a consume left over from an earlier rebuild cannot
   * stop the current one.
   */
  readonly #consuming = new Map<string, number>();
  /** Producers the server said closed: a consume answered after that is of a dead producer. */
  readonly #closedProducers = new Set<string>();
  /** Local tracks with a `produce` under way. */
  readonly #producing = new Set<MediaStreamTrack>();
  /** Kinds the other side stopped because its device did, until it produces that kind again. */
  readonly #remoteStopped = new Set<MediaKind>();
  /** Which way the SFU pauses video for a weak link, as it last told (`video.paused`). */
  readonly #videoPaused = new Set<'receiving' | 'sending'>();
  #device: Device | undefined;
  #state: CallState = { phase: 'connecting' };
  #endsAt = '';
  /** From the room's answer: how video is sent (`send-plan.ts`). */
  #signLanguage = false;
  /** The other side while it is in the room. */
  #remote: { peerId: string; displayName: string } | undefined;
  /** Counts `peer.joined` and `peer.left`, so a join's list of peers never undoes a newer event. */
  #peerEvents = 0;
  #finished = false;
  #auth: MediaHandshakeAuth;
  /** One renewal per run of refusals, so a bad ticket cannot loop. */
  #renewedSinceConnect = false;
  /** Bumped by every rebuild, so a join overtaken by another stops instead of racing it. */
  #generation = 0;
  /** Inbound packets at the last check, and when (performance.now) they last grew. */
  #inboundPackets = 0;
  #inboundGrewAt = 0;
  /** Video frames decoded at the last check, and when (performance.now) a new one last arrived. */
  #videoFrames = 0;
  #videoFrameAt = 0;
  #pictureFrozen = false;
  /** Since when the picture has been frozen while the sound arrives; undefined while it is not. */
  #frozenSince: number | undefined;
  /** Rebuilds the current frozen picture has caused so far. */
  #frozenRebuilds = 0;
  /**
   * Whether they grew at the last check too, and when they last grew at two checks running: media
   * that flows, as opposed to a stray burst (bandwidth probes, a last few packets) in a stall.
   */
  #grewAtLastCheck = false;
  #inboundSustainedAt = 0;
  /**
   * The ledger's view of inbound media, without the grace the screen gives a new join: when packets
   * were last seen and since when they flow without a stall, each dated at the middle of the check
   * interval that saw it (the server's rule, `media-flow-watch.ts`). Undefined before any packet.
   */
  #mediaSeenAt: number | undefined;
  #mediaFlowingSince = 0;
  /** When the last check read the statistics (performance.now, just before it asked for them). */
  #sampledAt = 0;
  /** When this side's hang-up was sent: the server stops counting when it arrives, not when it is answered. */
  #hungUpAt: number | undefined;
  #stalled = false;
  /** Rebuilds the current stall has caused so far. */
  #stallRebuilds = 0;
  #stallTimer: ReturnType<typeof setInterval> | undefined;
  /** One check at a time: a slow getStats must not let an older reading overwrite a newer one. */
  #checking = false;

  readonly #options: VisitCallOptions;

  constructor(options: VisitCallOptions) {
    this.#options = options;
    this.remoteStream = options.remoteStream ?? new MediaStream();
    this.#auth = options.auth;
    this.#socket = io(new URL(mediaProtocol.namespace, options.serverUrl).toString(), {
      // Read at every (re)connect, so a renewed ticket is the one used.
      auth: (send) => send(this.#auth),
      autoConnect: false,
      // WebSocket at once instead of long-polling first and upgrading (two round trips fewer on every
      // join); polling still when a proxy refuses WebSocket.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    this.#rpc = createRpcClient(this.#socket, mediaProtocol, log);
    this.#listen();
  }

  /** Credentials for the next (re)connect; the connection in use keeps its own. */
  updateAuth(auth: MediaHandshakeAuth): void {
    this.#auth = auth;
  }

  get state(): CallState {
    return this.#state;
  }

  start(): void {
    this.#socket.connect();
    // A transport closed while its statistics are read rejects; the next check reads the new one.
    this.#stallTimer = setInterval(() => {
      if (this.#checking) return;
      this.#checking = true;
      void this.#checkInbound()
        .catch(() => {})
        .finally(() => (this.#checking = false));
    }, stallCheckMs);
  }

  /** Ends the visit for both sides. */
  async hangUp(): Promise<void> {
    if (this.#finished) return;
    this.#hungUpAt = performance.now();
    await this.#rpc.request('room.leave', { reason: 'hang_up' }, { retries: 0, timeoutMs: 3000 });
    this.#finish({ phase: 'ended', reason: this.#options.hangUpReason });
  }

  /**
   * A new local track for its kind (a camera that came back, the handset's microphone lifted): it
   * replaces the sending producer's track without renegotiation, or is produced if that kind has no
   * producer (its device had ended). The page keeps `localStream` holding it, for any rebuild.
   */
  async setLocalTrack(track: MediaStreamTrack): Promise<void> {
    if (this.#finished || track.readyState === 'ended') return;
    const generation = this.#generation;
    const producer = [...this.#producers.values()].find((open) => open.kind === track.kind && !open.closed);
    if (producer !== undefined) {
      await producer.replaceTrack({ track });
      return;
    }
    const send = this.#transports.get('send');
    // Without a send transport the join under way produces it from `localStream`.
    if (send === undefined || send.closed || this.#device === undefined) return;
    await this.#produce(send, track, generation);
  }

  /** Undefined while there is no receive transport (joining, rebuilding, finished). */
  async receiveStats(): Promise<ReceiveStats | undefined> {
    const transport = this.#transports.get('recv');
    if (transport === undefined || transport.closed) return undefined;
    const totals: ReceiveStats = {
      packetsReceived: 0,
      packetsLost: 0,
      bytesReceived: 0,
      roundTripSeconds: null,
      framesDecoded: 0,
      videoBytesReceived: 0,
      path: null,
    };
    const report = await transport.getStats();
    report.forEach((entry: RtcStatsEntry) => {
      if (entry.type === 'inbound-rtp') {
        totals.packetsReceived += entry.packetsReceived ?? 0;
        totals.packetsLost += Math.max(0, entry.packetsLost ?? 0);
        totals.bytesReceived += entry.bytesReceived ?? 0;
        totals.framesDecoded += entry.framesDecoded ?? 0;
        if (entry.kind === 'video') totals.videoBytesReceived += entry.bytesReceived ?? 0;
      } else if (entry.type === 'candidate-pair' && entry.nominated === true) {
        if (entry.currentRoundTripTime !== undefined) totals.roundTripSeconds = entry.currentRoundTripTime;
        const local =
          entry.localCandidateId === undefined
            ? undefined
            : (report.get(entry.localCandidateId) as RtcStatsEntry | undefined);
        if (local?.protocol === 'udp' || local?.protocol === 'tcp') totals.path = local.protocol;
      }
    });
    return totals;
  }

  /** The receive transport's whole getStats report, for the connection indicator; undefined while there is none. */
  async receiveReport(): Promise<RTCStatsReport | undefined> {
    const transport = this.#transports.get('recv');
    if (transport === undefined || transport.closed) return undefined;
    return transport.getStats();
  }

  /** Leaves without ending the visit (the page is going away). */
  close(): void {
    if (this.#finished) return;
    this.#rpc.request('room.leave', { reason: 'leaving' }, { retries: 0, timeoutMs: 1000 }).catch(() => {});
    this.#finish({ phase: 'failed', message: 'left' });
  }

  #listen(): void {
    this.#socket.on('connect', () => {
      trace('signalling connected');
      this.#renewedSinceConnect = false;
      void this.#join();
    });
    this.#socket.on('connect_error', (error) => {
      const refusal = readHandshakeError(error);
      // A refusal is final, but for an expired ticket once; anything else is the network, and socket.io keeps trying.
      if (refusal?.code === 'unauthenticated' && this.#options.renewAuth !== undefined && !this.#renewedSinceConnect) {
        this.#renewedSinceConnect = true;
        this.#publish({ phase: 'reconnecting', cause: 'signalling_lost' });
        void this.#renew();
      } else if (refusal !== undefined) this.#finish({ phase: 'refused', refusal });
      else this.#publish({ phase: 'reconnecting', cause: 'signalling_lost' });
    });
    this.#socket.on('disconnect', (reason) => {
      trace(`signalling lost: ${reason}`);
      this.#closeMedia();
      if (reason === 'io server disconnect') {
        // The server ends our connection only with the visit (told by `visit.ended`) or when a newer
        // connection of ours replaced this one.
        if (!this.#finished) this.#finish({ phase: 'failed', message: 'This visit was opened somewhere else.' });
      } else if (!this.#finished) {
        this.#publish({ phase: 'reconnecting', cause: 'signalling_lost' });
      }
    });
    this.#rpc.on('visit.ended', ({ reason }) => this.#finish({ phase: 'ended', reason }));
    this.#rpc.on('room.reset', () => {
      this.#closeMedia();
      this.#publish({ phase: 'reconnecting', cause: 'room_reset' });
      void this.#join();
    });
    this.#rpc.on('peer.joined', ({ peerId, displayName }) => {
      trace(`peer.joined ${peerId}`);
      this.#peerEvents += 1;
      this.#remote = { peerId, displayName };
      this.#remoteStopped.clear();
      this.#publishRoom();
    });
    // A connection of theirs that a newer one replaced may be reported gone after the newer one joined.
    this.#rpc.on('peer.left', ({ peerId }) => {
      trace(`peer.left ${peerId}`);
      this.#peerEvents += 1;
      if (this.#remote?.peerId !== peerId) return;
      this.#remote = undefined;
      this.#videoPaused.clear();
      // Waiting for someone who left is not a stall.
      this.#stalled = false;
      this.#publishRoom();
    });
    this.#rpc.on('producer.new', ({ producerId, kind }) => {
      trace(`producer.new ${kind} ${producerId}`);
      this.#remoteProducers.set(producerId, kind);
      if (this.#remoteStopped.delete(kind)) this.#publishRoom();
      if (kind === 'video') this.#givePictureGrace();
      void this.#consumeOrRebuild(producerId, this.#generation);
    });
    this.#rpc.on('video.paused', ({ producerId, paused, side }) => {
      trace(`video ${side} ${paused ? 'paused' : 'resumed'} for the link (${producerId})`);
      if (paused) this.#videoPaused.add(side);
      else this.#videoPaused.delete(side);
      if (side === 'receiving') {
        // A paused picture is not a frozen one: nothing to rebuild; once resumed, time for its keyframe.
        this.#frozenSince = undefined;
        this.#pictureFrozen = false;
        if (!paused) this.#givePictureGrace();
      }
      this.#publishRoom();
    });
    this.#rpc.on('producer.closed', ({ producerId, reason }) => {
      trace(`producer.closed ${producerId}${reason === undefined ? '' : ` (${reason})`}`);
      const kind = this.#remoteProducers.get(producerId);
      this.#closedProducers.add(producerId);
      this.#remoteProducers.delete(producerId);
      this.#dropConsumer(producerId);
      // No longer sent, so its absence is neither a frozen picture nor a stall to rebuild over.
      if (reason === 'source_ended' && kind !== undefined) {
        this.#remoteStopped.add(kind);
        this.#publishRoom();
      }
    });
  }

  async #renew(): Promise<void> {
    if (this.#finished) return;
    const renewed = await this.#options.renewAuth?.().catch(() => undefined);
    if (this.#finished) return;
    if (renewed === undefined) {
      setTimeout(() => void this.#renew(), renewRetryMs);
      return;
    }
    this.#auth = renewed;
    // socket.io does not retry a handshake the server refused.
    this.#socket.connect();
  }

  /** The join sequence: capabilities into a new Device, both transports, our tracks, their tracks. */
  async #join(): Promise<void> {
    const generation = ++this.#generation;
    this.#closeMedia();
    // Announcements from here on are newer than the join's answer; older ones may be stale.
    this.#remoteProducers.clear();
    this.#remoteStopped.clear();
    this.#videoPaused.clear();
    try {
      const peerEventsBefore = this.#peerEvents;
      trace(`joining (rebuild ${generation})`);
      const room = await this.#ask('room.join', {});
      if (generation !== this.#generation) return;
      trace(
        `joined as ${room.self.peerId}; in the room: ${room.peers.map((peer) => `${peer.peerId} [${peer.producers.map((p) => `${p.kind} ${p.producerId}`).join(', ')}]`).join('; ') || 'nobody'}`,
      );
      this.#endsAt = room.visit.endsAt;
      this.#signLanguage = room.visit.signLanguage;
      // The server may tell us of the other side joining before it answers our join (both joining at
      // once): an event that arrived while we waited is newer than the list, which then stands aside.
      if (this.#peerEvents === peerEventsBefore) {
        const [remote] = room.peers;
        this.#remote = remote === undefined ? undefined : { peerId: remote.peerId, displayName: remote.displayName };
      }
      for (const { producerId, kind } of room.peers.flatMap((peer) => peer.producers)) {
        if (!this.#closedProducers.has(producerId)) this.#remoteProducers.set(producerId, kind);
      }
      const device = new Device();
      await device.load({ routerRtpCapabilities: room.routerRtpCapabilities });
      if (generation !== this.#generation) return;
      this.#device = device;
      // In the room: "waiting" needs none of our media, so the person sees it while that is set up.
      if (this.#remote === undefined) this.#publishRoom();

      // Both directions at once: the other side's picture does not wait for ours to be sent, nor ours for theirs.
      await Promise.all([this.#sendOurMedia(device, generation), this.#receiveTheirs(device, generation)]);
      if (generation !== this.#generation) return;
      this.#publishRoom();
    } catch (error) {
      if (generation !== this.#generation || this.#finished) return;
      console.error('joining the visit failed', error);
      this.#publish({ phase: 'reconnecting', cause: 'signalling_lost' });
      setTimeout(() => {
        if (generation === this.#generation && this.#socket.connected) void this.#join();
      }, 2000);
    }
  }

  async #sendOurMedia(device: Device, generation: number): Promise<void> {
    const send = await this.#createTransport('send', device, generation);
    // A track whose device ended is not sent: the other side is told it stopped instead.
    for (const track of this.#options.localStream.getTracks().filter((live) => live.readyState === 'live')) {
      if (send === undefined || generation !== this.#generation) return;
      if (device.canProduce(track.kind as 'audio' | 'video')) await this.#produce(send, track, generation);
    }
  }

  async #produce(send: Transport, track: MediaStreamTrack, generation: number): Promise<void> {
    // The join and `setLocalTrack` may both reach a track that opened while the join was under way.
    if (this.#producing.has(track) || [...this.#producers.values()].some((open) => open.track === track)) return;
    this.#producing.add(track);
    const { encodings, codecOptions, degradationPreference } = sendPlan(track.kind === 'audio' ? 'audio' : 'video', {
      signLanguage: this.#signLanguage,
    });
    // The tracks belong to the page, not to this join: a rebuild produces them again.
    const producer = await send
      .produce({ track, stopTracks: false, encodings, ...(codecOptions === undefined ? {} : { codecOptions }) })
      .finally(() => this.#producing.delete(track));
    if (generation !== this.#generation) return;
    if (degradationPreference !== undefined && producer.rtpSender !== undefined) {
      await preferDegradation(producer.rtpSender, degradationPreference);
    }
    this.#producers.set(producer.id, producer);
    // The device went (unplugged, failed): the producer goes with it and the server tells the other side why.
    producer.on('trackended', () => {
      trace(`local ${producer.kind} track ended; closing its producer`);
      producer.close();
      this.#producers.delete(producer.id);
      this.#rpc
        .request('producer.close', { producerId: producer.id })
        .catch((error: unknown) => console.warn('could not tell the server a producer closed', error));
    });
  }

  async #receiveTheirs(device: Device, generation: number): Promise<void> {
    if ((await this.#createTransport('recv', device, generation)) === undefined) return;
    // Those announced while the transport did not exist yet are in the list too.
    await Promise.all([...this.#remoteProducers.keys()].map((producerId) => this.#consume(producerId, generation)));
  }

  /** Undefined when a rebuild overtook the request: the transport it made belongs to nobody. */
  async #createTransport(
    direction: TransportDirection,
    device: Device,
    generation: number,
  ): Promise<Transport | undefined> {
    const params = await this.#ask('transport.create', { direction });
    if (generation !== this.#generation) return undefined;
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.#ask('transport.connect', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
      this.#ask('produce', { transportId: transport.id, kind, rtpParameters }).then(
        ({ producerId }) => done({ id: producerId }),
        fail,
      );
    });
    let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
    transport.on('connectionstatechange', (state) => {
      trace(`${direction} transport ${state}`);
      clearTimeout(disconnectedTimer);
      if (state === 'failed' && this.#socket.connected) void this.#restartIce(transport);
      // A short drop often mends by itself; one that lasts gets a restart before ICE gives up (~30 s).
      if (state === 'disconnected') {
        if (direction === 'recv' && this.#state.phase === 'in_call' && !this.#finished) {
          // Back in the call once media grows again (#checkInbound).
          this.#stalled = true;
          this.#publish({ phase: 'reconnecting', cause: 'ice_disconnected' });
        }
        disconnectedTimer = setTimeout(() => {
          if (transport.connectionState === 'disconnected' && !transport.closed && this.#socket.connected) {
            void this.#restartIce(transport);
          }
        }, iceDisconnectedWaitMs);
      }
    });
    this.#transports.set(direction, transport);
    return transport;
  }

  async #restartIce(transport: Transport): Promise<void> {
    if (transport.closed) return;
    trace(`${transport.direction} transport restarting ICE`);
    try {
      const { iceParameters } = await this.#ask('transport.restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    } catch (error) {
      console.warn('ICE restart failed; rebuilding', error);
      void this.#join();
    }
  }

  /**
   * A producer announced mid-call that cannot be consumed would leave its media missing for the
   * rest of the visit with nothing else noticing (the other kind still flows), so the call is rebuilt.
   */
  async #consumeOrRebuild(producerId: string, generation: number): Promise<void> {
    try {
      await this.#consume(producerId, generation);
    } catch (error) {
      // #consume throws only while neither a rebuild, the call's end nor the producer's close overtook it.
      console.warn('consuming a new producer failed; rebuilding the call', error);
      void this.#join();
    }
  }

  /**
   * Consumers start paused on the server; resumed once the track is in place, so no keyframe is lost.
   * A consume overtaken by a rebuild, or by its producer closing, is closed instead of kept: a dead
   * track in `remoteStream` would show a frozen picture.
   */
  async #consume(producerId: string, generation: number): Promise<void> {
    const device = this.#device;
    const transport = this.#transports.get('recv');
    // Without a receive transport the join under way consumes it from `#remoteProducers`.
    if (device === undefined || transport === undefined) return;
    if (this.#consumers.has(producerId) || this.#consuming.get(producerId) === generation) return;
    this.#consuming.set(producerId, generation);
    const overtaken = (): boolean => generation !== this.#generation || this.#closedProducers.has(producerId);
    try {
      const params = await this.#ask('consume', { producerId, rtpCapabilities: device.recvRtpCapabilities });
      if (overtaken()) return;
      const consumer = await transport.consume(params);
      if (overtaken()) {
        consumer.close();
        return;
      }
      this.#consumers.set(producerId, consumer);
      this.remoteStream.addTrack(consumer.track);
      if (consumer.kind === 'video') this.#givePictureGrace();
      await this.#ask('consumer.resume', { consumerId: consumer.id });
      trace(`consuming ${consumer.kind} ${producerId} as ${consumer.id}`);
    } catch (error) {
      if (overtaken()) return;
      throw error;
    } finally {
      if (this.#consuming.get(producerId) === generation) this.#consuming.delete(producerId);
    }
  }

  #dropConsumer(producerId: string): void {
    const consumer = this.#consumers.get(producerId);
    if (consumer === undefined) return;
    this.remoteStream.removeTrack(consumer.track);
    consumer.close();
    this.#consumers.delete(producerId);
  }

  /** A request whose refusal is an error: the join sequence starts over rather than go on without it. */
  async #ask<N extends MediaRequest>(name: N, payload: RequestOf<Requests, N>): Promise<ResultOf<Requests, N>> {
    const response = await this.#rpc.request(name, payload);
    if (!response.ok) throw new Error(`${name}: ${response.error.code} ${response.error.message}`);
    return response.result;
  }

  #closeMedia(): void {
    for (const producerId of [...this.#consumers.keys()]) this.#dropConsumer(producerId);
    for (const producer of this.#producers.values()) producer.close();
    this.#producers.clear();
    for (const transport of this.#transports.values()) transport.close();
    this.#transports.clear();
    this.#device = undefined;
  }

  /**
   * The server's rule for "media flowing": inbound packets grew in the last second. While in the
   * call, no growth for `stallAfterMs` shows as reconnecting (the picture is no longer live), and
   * growth at two checks running returns to the call. Apart from that, a picture with no new frame
   * for `stallAfterMs` while the other side sends video is shown as frozen, though the sound may
   * still carry the conversation (and the server, counting packets, still counts it connected).
   */
  async #checkInbound(): Promise<void> {
    if (this.#finished) return;
    const sampledAt = performance.now();
    const stats = await this.receiveStats();
    // The call may have ended while the statistics were read.
    if (this.#finished) return;
    const now = performance.now();
    const sampledBefore = this.#sampledAt;
    this.#sampledAt = sampledAt;
    // A rebuilt transport counts from zero: a lower total with something in it is growth.
    const grown = (total: number, previous: number): boolean =>
      total > previous || (stats !== undefined && total < previous && total > 0);

    const frames = stats?.framesDecoded ?? 0;
    if (grown(frames, this.#videoFrames)) {
      this.#videoFrameAt = Math.max(this.#videoFrameAt, now);
      this.#frozenRebuilds = 0;
    }
    this.#videoFrames = frames;
    // Judged on what the other side sends, not on what is consumed: a consumer lost in a race is a frozen picture too.
    const sendsVideo = [...this.#remoteProducers.values()].includes('video');
    const pictureFrozen = sendsVideo && !this.#videoPaused.has('receiving') && now - this.#videoFrameAt > stallAfterMs;

    const packets = stats?.packetsReceived ?? 0;
    const grew = grown(packets, this.#inboundPackets);
    this.#inboundPackets = packets;
    const sustained = grew && this.#grewAtLastCheck;
    this.#grewAtLastCheck = grew;
    if (grew) {
      this.#inboundGrewAt = now;
      const seenAt = sampledBefore === 0 ? sampledAt : (sampledBefore + sampledAt) / 2;
      if (!this.#rawFlowing(sampledAt)) this.#mediaFlowingSince = seenAt;
      this.#mediaSeenAt = seenAt;
    }
    if (sustained) {
      this.#inboundSustainedAt = now;
      this.#stallRebuilds = 0;
    }
    // The sound arriving by the stall rule, not at every check: a starved page reads no growth now and then.
    const soundArrives = now - this.#inboundGrewAt <= stallAfterMs;
    this.#frozenSince = pictureFrozen && soundArrives ? (this.#frozenSince ?? now) : undefined;

    const inCall = this.#state.phase === 'in_call';
    const frozenChanged = pictureFrozen !== this.#pictureFrozen;
    this.#pictureFrozen = pictureFrozen;
    if (sustained && this.#stalled) {
      this.#stalled = false;
      this.#publishRoom();
    } else if (!grew && inCall && now - this.#inboundGrewAt > stallAfterMs) {
      this.#stalled = true;
      this.#publish({ phase: 'reconnecting', cause: 'media_stalled' });
    } else if (frozenChanged && inCall) {
      this.#publishRoom();
    }

    const stallDue = this.#stalled && now - this.#inboundSustainedAt > stallRebuildMs * 2 ** this.#stallRebuilds;
    const frozenDue =
      this.#frozenSince !== undefined && now - this.#frozenSince > frozenPictureRebuildMs * 2 ** this.#frozenRebuilds;
    if (
      (stallDue || frozenDue) &&
      this.#socket.connected &&
      this.#remote !== undefined &&
      this.#transports.get('recv')?.connectionState === 'connected'
    ) {
      if (stallDue) this.#stallRebuilds += 1;
      else this.#frozenRebuilds += 1;
      console.warn(
        stallDue
          ? 'media stalled on a connected transport; rebuilding the call'
          : 'the picture froze while the sound still arrives; rebuilding the call',
      );
      void this.#join();
    }
  }

  /** How long ago inbound media last arrived: a stall is reported late, its drop started then. */
  get msSinceMediaArrived(): number {
    return Math.max(0, Math.round(performance.now() - (this.#mediaSeenAt ?? this.#sampledAt)));
  }

  /** How long ago this side's hang-up was sent; undefined without one. */
  get msSinceHangUp(): number | undefined {
    return this.#hungUpAt === undefined ? undefined : Math.max(0, Math.round(performance.now() - this.#hungUpAt));
  }

  /** How long inbound media has flowed without a stall: a return is confirmed late, it started then. */
  get msSinceMediaFlowing(): number {
    return Math.max(0, Math.round(performance.now() - this.#mediaFlowingSince));
  }

  /**
   * Whether the visitor's media arrives now (it did within the last second) in the call: packets
   * seen, never the grace a new join gets to show the call before its first packet.
   */
  get mediaFlowing(): boolean {
    return !this.#finished && this.#state.phase === 'in_call' && this.#rawFlowing(performance.now());
  }

  #rawFlowing(at: number): boolean {
    return this.#mediaSeenAt !== undefined && at - this.#mediaSeenAt <= stallAfterMs;
  }

  #finish(state: CallState): void {
    if (this.#finished) return;
    this.#finished = true;
    clearInterval(this.#stallTimer);
    this.#generation++;
    this.#closeMedia();
    this.#socket.close();
    this.#publish(state);
  }

  #publishRoom(): void {
    if (this.#finished || this.#device === undefined) return;
    const remoteName = this.#remote?.displayName;
    if (remoteName !== undefined && this.#stalled) {
      // Only media flowing again (#checkInbound) makes the call live again.
      return;
    }
    if (remoteName !== undefined && this.#state.phase !== 'in_call' && !this.#stalled) {
      this.#inboundGrewAt = Math.max(this.#inboundGrewAt, this.#graceUntil());
      this.#inboundSustainedAt = Math.max(this.#inboundSustainedAt, this.#inboundGrewAt);
      this.#videoFrameAt = Math.max(this.#videoFrameAt, this.#inboundGrewAt);
      this.#pictureFrozen = false;
    }
    this.#publish(
      remoteName === undefined
        ? { phase: 'waiting', endsAt: this.#endsAt }
        : {
            phase: 'in_call',
            endsAt: this.#endsAt,
            remoteName,
            pictureFrozen: this.#pictureFrozen,
            remoteStopped: { video: this.#remoteStopped.has('video'), audio: this.#remoteStopped.has('audio') },
            videoPaused: { receiving: this.#videoPaused.has('receiving'), sending: this.#videoPaused.has('sending') },
          },
    );
  }

  /** Time for a new video stream's first keyframe before its picture counts as frozen. */
  #givePictureGrace(): void {
    this.#videoFrameAt = Math.max(this.#videoFrameAt, this.#graceUntil());
  }

  /** A "last seen" time that gives media `stallGraceMs` from now to arrive before it counts as stalled. */
  #graceUntil(): number {
    return performance.now() + stallGraceMs - stallAfterMs;
  }

  #publish(state: CallState): void {
    this.#state = state;
    this.#options.onState(state);
  }
}

/**
 * Where the browser supports it (Chromium does; Firefox ignores or refuses it), the encoder is told
 * what to give up first under CPU or bandwidth pressure. A refusal leaves the browser's default,
 * which still sends the call.
 */
async function preferDegradation(sender: RTCRtpSender, preference: RTCDegradationPreference): Promise<void> {
  try {
    await sender.setParameters({ ...sender.getParameters(), degradationPreference: preference });
  } catch (error) {
    console.warn(`the browser refused degradationPreference ${preference}`, error);
  }
}
